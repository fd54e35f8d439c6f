package io.fxrates.server.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.currencies.Currency;
import io.fxrates.server.currencies.CurrencyCatalog;
import io.fxrates.server.data.DataState;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.model.RatesModel;
import io.fxrates.server.rates.Inputs;

import io.helidon.webserver.http.ServerRequest;

/** What every page needs: query parameters, currency choices, provenance, the page's frame. */
final class PageSupport {

    private static final DateTimeFormatter FETCHED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PublicationSchedule schedule;

    PageSupport(PublicationSchedule schedule) {
        this.schedule = schedule;
    }

    LocalDate today() {
        return schedule.todayUtc();
    }

    /** The value of query parameter {@code name}, stripped; blank when absent (an empty form field). */
    static String param(ServerRequest req, String name) {
        var query = req.query();
        if (!query.contains(name)) {
            return "";
        }
        List<String> all = query.all(name);
        if (all.size() > 1) {
            throw ProblemException.badRequest("repeated-parameter", "Repeated parameter",
                    name + " is given " + all.size() + " times; give it once.");
        }
        return all.getFirst().strip();
    }

    /** A currency the provider quotes or quoted, from parameter {@code name}, or {@code fallback} when blank. */
    static String currency(RatesModel model, ServerRequest req, String name, String fallback) {
        String raw = param(req, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String code = Inputs.currency(raw, name);
        CurrencyCatalog.require(model, code, name);
        return code;
    }

    /** The options of a currency selector: {@code code}, {@code label}, {@code selected}. */
    static List<Map<String, Object>> options(RatesModel model, String selected, boolean currentOnly) {
        DataState state = model.state();
        List<Map<String, Object>> options = new ArrayList<>();
        for (Currency c : model.quotedCurrencies().values()) {
            boolean current = c.lastDate().equals(state.newestDate());
            if (currentOnly && !current && !c.code().equals(selected)) {
                continue;
            }
            options.add(Map.of("code", c.code(),
                    "label", c.code() + " — " + c.name() + (current ? "" : " (no longer quoted)"),
                    "selected", c.code().equals(selected)));
        }
        return options;
    }

    /** The name of {@code code}, or the code itself when unknown. */
    static String name(RatesModel model, String code) {
        Currency c = model.allCurrencies().get(code);
        return c == null ? code : c.name();
    }

    /** A page model with the frame's values: title, active tab, provenance. */
    static Map<String, Object> frame(String pageTitle, String active, DataState state) {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", pageTitle);
        model.put("nav" + active, true);
        model.put("provider", state.provider());
        model.put("newestDate", state.newestDate().map(LocalDate::toString).orElse(""));
        model.put("fetchedAt", state.fetchedAt().map(PageSupport::fetched).orElse("never"));
        return model;
    }

    static String fetched(Instant instant) {
        return FETCHED.format(instant);
    }
}
