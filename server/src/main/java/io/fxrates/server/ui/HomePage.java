package io.fxrates.server.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fxrates.server.data.DataState;
import io.fxrates.server.model.RatesModel;
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
    public HtmlResponder.Rendered build(ServerRequest req, RatesModel model) {
        DataState state = model.state();
        String base = PageSupport.currency(model, req, "base", state.baseCurrency());
        int day = RateQueries.resolve(model, support.today());
        RateQueries.requireQuoted(model, day, base, "base");
        Map<String, BigDecimal> rates = RateQueries.rates(model, day, new RateParameters(base, Set.of(), BigDecimal.ONE));
        List<Map<String, Object>> rows = new ArrayList<>();
        rates.forEach((code, rate) -> rows.add(Map.of(
                "code", code,
                "name", PageSupport.name(model, code),
                "rate", Numbers.display(rate),
                "value", Numbers.machine(rate),
                "base", base)));
        Map<String, Object> page = PageSupport.frame("Exchange rates for " + base, "Home", state);
        page.put("base", base);
        page.put("baseName", PageSupport.name(model, base));
        page.put("date", model.date(day).toString());
        page.put("rows", rows);
        page.put("baseOptions", PageSupport.options(model, base, true));
        String to = base.equals("USD") ? "EUR" : "USD";
        page.put("fromOptions", PageSupport.options(model, base, true));
        page.put("toOptions", PageSupport.options(model, to, true));
        return new HtmlResponder.Rendered("home", page);
    }
}
