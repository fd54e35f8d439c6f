package io.fxrates.server.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fxrates.server.currencies.Currency;
import io.fxrates.server.data.DataState;
import io.fxrates.server.model.RatesModel;

import io.helidon.webserver.http.ServerRequest;

/** {@code /currencies}: every currency the provider quotes or quoted, with names and the dates it was quoted. */
final class CurrenciesPage implements HtmlResponder.PageBuilder {

    private final PageSupport support;

    CurrenciesPage(PageSupport support) {
        this.support = support;
    }

    @Override
    public HtmlResponder.Rendered build(ServerRequest req, RatesModel rates) {
        DataState state = rates.state();
        List<Map<String, Object>> rows = new ArrayList<>();
        int current = 0;
        for (Currency c : rates.quotedCurrencies().values()) {
            boolean quoted = c.lastDate().equals(state.newestDate());
            current += quoted ? 1 : 0;
            rows.add(Map.of(
                    "code", c.code(),
                    "name", c.name(),
                    "minorUnits", c.minorUnits(),
                    "firstDate", c.firstDate().map(LocalDate::toString).orElse("—"),
                    "lastDate", c.lastDate().map(LocalDate::toString).orElse("—"),
                    "quoted", quoted,
                    "isBase", c.code().equals(state.baseCurrency()),
                    "historyBase", c.code().equals(state.baseCurrency()) ? "USD" : state.baseCurrency()));
        }
        Map<String, Object> model = PageSupport.frame("Currencies", "Currencies", state);
        model.put("rows", rows);
        model.put("count", rows.size());
        model.put("current", current);
        model.put("baseCurrency", state.baseCurrency());
        return new HtmlResponder.Rendered("currencies", model);
    }
}
