package io.fxrates.server.ui;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import io.fxrates.server.data.DataState;
import io.fxrates.server.model.RatesModel;
import io.fxrates.server.rates.Inputs;
import io.fxrates.server.rates.RateQueries;

import io.helidon.webserver.http.ServerRequest;

/**
 * {@code /convert?from=USD&to=JPY&amount=100[&date=2024-01-02]}: an amount in another currency,
 * with the rate used and its date. Without parameters, the empty form.
 */
final class ConvertPage implements HtmlResponder.PageBuilder {

    private final PageSupport support;

    ConvertPage(PageSupport support) {
        this.support = support;
    }

    @Override
    public HtmlResponder.Rendered build(ServerRequest req, RatesModel rates) {
        DataState state = rates.state();
        boolean asked = !(PageSupport.param(req, "from").isEmpty() && PageSupport.param(req, "to").isEmpty()
                && PageSupport.param(req, "amount").isEmpty() && PageSupport.param(req, "date").isEmpty());
        String from = PageSupport.currency(rates, req, "from", state.baseCurrency());
        String to = PageSupport.currency(rates, req, "to", from.equals("USD") ? state.baseCurrency() : "USD");
        String rawAmount = PageSupport.param(req, "amount");
        BigDecimal amount = rawAmount.isEmpty() ? BigDecimal.ONE : Inputs.amount(rawAmount);
        String rawDate = PageSupport.param(req, "date");
        LocalDate date = rawDate.isEmpty() ? support.today() : Inputs.date(rawDate, "The date", support.today());

        Map<String, Object> model = PageSupport.frame("Convert " + from + " to " + to, "Convert", state);
        model.put("fromOptions", PageSupport.options(rates, from, false));
        model.put("toOptions", PageSupport.options(rates, to, false));
        model.put("amount", rawAmount.isEmpty() ? "1" : rawAmount);
        model.put("date", rawDate);
        model.put("today", support.today().toString());
        if (asked) {
            RateQueries.Conversion c = RateQueries.convert(rates, date, from, to, amount);
            model.put("result", Map.ofEntries(
                    Map.entry("from", from),
                    Map.entry("to", to),
                    Map.entry("fromName", PageSupport.name(rates, from)),
                    Map.entry("toName", PageSupport.name(rates, to)),
                    Map.entry("amount", Numbers.display(amount)),
                    Map.entry("amountValue", Numbers.machine(amount)),
                    Map.entry("converted", Numbers.display(c.result())),
                    Map.entry("convertedValue", Numbers.machine(c.result())),
                    Map.entry("rate", Numbers.display(c.rate())),
                    Map.entry("rateValue", Numbers.machine(c.rate())),
                    Map.entry("date", c.date().toString())));
            if (!rawDate.isEmpty() && !c.date().equals(date)) {
                model.put("fallback", Map.of("requested", date.toString(), "date", c.date().toString()));
            }
        }
        return new HtmlResponder.Rendered("convert", model);
    }
}
