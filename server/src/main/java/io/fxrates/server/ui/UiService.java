package io.fxrates.server.ui;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.data.DataWatcher;
import io.fxrates.server.rates.RateQueries;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** The HTML pages (being built). */
public final class UiService implements HttpService {

    public UiService(RateQueries queries, DataWatcher data, PublicationSchedule schedule) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> res.send("fxrates"));
    }
}
