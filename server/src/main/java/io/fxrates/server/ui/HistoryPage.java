package io.fxrates.server.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fxrates.server.data.DataState;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.model.RatesModel;
import io.fxrates.server.rates.RateQueries;

import io.helidon.webserver.http.ServerRequest;

/**
 * {@code /history?base=EUR&quote=USD&range=1y} (or {@code &start=&end=}): how one currency pair
 * moved, as a server-drawn SVG chart, a summary and the values.
 */
final class HistoryPage implements HtmlResponder.PageBuilder {

    private static final Map<String, String> RANGE_LABELS = Map.of(
            "1m", "1 month", "3m", "3 months", "6m", "6 months", "1y", "1 year", "5y", "5 years", "max", "All");

    private final PageSupport support;

    HistoryPage(PageSupport support) {
        this.support = support;
    }

    @Override
    public HtmlResponder.Rendered build(ServerRequest req, RatesModel rates) {
        DataState state = rates.state();
        String base = PageSupport.currency(rates, req, "base", state.baseCurrency());
        String quote = PageSupport.currency(rates, req, "quote", base.equals("USD") ? state.baseCurrency() : "USD");
        if (base.equals(quote)) {
            throw ProblemException.badRequest("same-currency", "Same currency twice",
                    "base and quote are both " + base + "; choose two different currencies.");
        }
        LocalDate first = rates.date(0);
        HistoryRange range = HistoryRange.parse(PageSupport.param(req, "range"), PageSupport.param(req, "start"),
                PageSupport.param(req, "end"), support.today(), first);

        List<SvgChart.Point> series = new ArrayList<>();
        for (RateQueries.Point point : RateQueries.pair(rates, range.start(), range.end(), base, quote, range.grouping())) {
            series.add(new SvgChart.Point(point.date(), point.value()));
        }

        Map<String, Object> model = PageSupport.frame(base + " to " + quote + " history", "History", state);
        model.put("base", base);
        model.put("quote", quote);
        model.put("baseName", PageSupport.name(rates, base));
        model.put("quoteName", PageSupport.name(rates, quote));
        model.put("baseOptions", PageSupport.options(rates, base, false));
        model.put("quoteOptions", PageSupport.options(rates, quote, false));
        model.put("start", range.start().toString());
        model.put("end", range.end().toString());
        model.put("today", support.today().toString());
        model.put("custom", range.key().equals("custom"));
        model.put("grouping", switch (range.grouping()) {
            case DAY -> "every published day";
            case WEEK -> "the last published day of each week";
            case MONTH -> "the last published day of each month";
        });
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (String key : HistoryRange.NAMED) {
            ranges.add(Map.of("key", key, "label", RANGE_LABELS.get(key), "selected", key.equals(range.key())));
        }
        model.put("ranges", ranges);
        if (series.isEmpty()) {
            model.put("empty", true);
        } else {
            model.put("chart", chart(series, base, quote));
        }
        return new HtmlResponder.Rendered("history", model);
    }

    private static Map<String, Object> chart(List<SvgChart.Point> series, String base, String quote) {
        SvgChart.Drawing drawing = SvgChart.draw(series);
        Map<String, Object> chart = new HashMap<>();
        chart.put("width", SvgChart.WIDTH);
        chart.put("height", SvgChart.HEIGHT);
        chart.put("points", drawing.points());
        chart.put("count", series.size());
        List<Map<String, String>> dots = new ArrayList<>();
        drawing.dots().forEach(d -> dots.add(Map.of("x", d[0], "y", d[1])));
        chart.put("dots", dots);
        chart.put("min", Numbers.display(drawing.min()));
        chart.put("max", Numbers.display(drawing.max()));
        chart.put("firstDate", drawing.first().toString());
        chart.put("lastDate", drawing.last().toString());
        chart.put("maxY", SvgChart.TOP - 8);
        chart.put("minY", SvgChart.HEIGHT - SvgChart.BOTTOM + 16);
        chart.put("dateY", SvgChart.HEIGHT - 6);
        chart.put("left", SvgChart.LEFT);
        chart.put("right", SvgChart.WIDTH - SvgChart.RIGHT);
        chart.put("top", SvgChart.TOP);
        chart.put("bottom", SvgChart.HEIGHT - SvgChart.BOTTOM);
        BigDecimal firstValue = series.getFirst().value();
        BigDecimal lastValue = series.getLast().value();
        BigDecimal change = lastValue.subtract(firstValue);
        BigDecimal percent = change.multiply(BigDecimal.valueOf(100)).divide(firstValue, 2, RoundingMode.HALF_EVEN);
        chart.put("firstValue", Numbers.display(firstValue));
        chart.put("lastValue", Numbers.display(lastValue));
        chart.put("change", (change.signum() > 0 ? "+" : "") + Numbers.display(change));
        chart.put("percent", (percent.signum() > 0 ? "+" : "") + percent.toPlainString());
        chart.put("title", "1 " + base + " in " + quote + " from " + drawing.first() + " to " + drawing.last()
                + ": from " + Numbers.display(firstValue) + " to " + Numbers.display(lastValue)
                + ", lowest " + Numbers.display(drawing.min()) + ", highest " + Numbers.display(drawing.max()));
        List<Map<String, String>> rows = new ArrayList<>(series.size());
        for (int i = series.size() - 1; i >= 0; i--) {
            SvgChart.Point p = series.get(i);
            rows.add(Map.of("date", p.date().toString(), "rate", Numbers.display(p.value()), "value", Numbers.machine(p.value())));
        }
        chart.put("rows", rows);
        return chart;
    }
}
