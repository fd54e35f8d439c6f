package io.fxrates.server.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fxrates.server.data.DataState;
import io.fxrates.server.rates.RateParameters;
import io.fxrates.server.rates.RateQueries;

import io.helidon.webserver.http.ServerRequest;

/** {@code /?base=USD}: the latest rates against a chosen base, their date and provenance, and a converter. */
final class HomePage implements HtmlResponder.PageBuilder {

    private final PageSupport support;

    HomePage(PageSupport support) {
        this.support = support;
    }

    @Override
    public HtmlResponder.Rendered build(ServerRequest req) {
        DataState state = support.queries().requireRates();
        String base = support.currency(req, "base", state.baseCurrency());
        RateQueries.Day day = support.queries().day(support.today(), new RateParameters(base, Set.of(), BigDecimal.ONE));
        List<Map<String, Object>> rows = new ArrayList<>();
        day.rates().forEach((code, rate) -> rows.add(Map.of(
                "code", code,
                "name", support.name(code),
                "rate", Numbers.display(rate),
                "value", Numbers.machine(rate),
                "base", base)));
        Map<String, Object> model = PageSupport.frame("Exchange rates for " + base, "Home", state);
        model.put("base", base);
        model.put("baseName", support.name(base));
        model.put("date", day.date().toString());
        model.put("rows", rows);
        model.put("baseOptions", support.options(base, true, state));
        String to = base.equals("USD") ? "EUR" : "USD";
        model.put("fromOptions", support.options(base, true, state));
        model.put("toOptions", support.options(to, true, state));
        return new HtmlResponder.Rendered("home", model);
    }
}
