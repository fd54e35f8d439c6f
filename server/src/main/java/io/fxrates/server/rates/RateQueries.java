package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import io.fxrates.server.currencies.Currency;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.model.RatesModel;

/**
 * The questions people ask of the rates (a day, a range, a conversion, a change), answered from
 * one {@link RatesModel} with the fallback and cross-rate rules; shared by the JSON API and the
 * HTML UI. Nothing here touches the database.
 */
public final class RateQueries {

    /**
     * How far before a range's start its first value may come from: covers the longest run of
     * TARGET closing days (Christmas to a weekend), not a currency's suspension.
     */
    static final int CARRY_BACK_DAYS = 7;

    /** A conversion of {@code amount} of {@code from} into {@code to}. */
    public record Conversion(LocalDate date, String from, String to, BigDecimal amount, BigDecimal rate, BigDecimal result) {
    }

    /** How one quote moved between two dates. */
    public record Change(BigDecimal startRate, BigDecimal endRate, BigDecimal change, BigDecimal percent) {
    }

    /** The change of every quote between two dates. */
    public record Changes(LocalDate startDate, LocalDate endDate, Map<String, Change> changes) {
    }

    /**
     * The days of a series: indexes {@code first} to {@code last} of the model; empty (first after
     * last) when the range holds no rates, and then {@code startDate}/{@code endDate} are the dates asked.
     */
    public record Span(int first, int last, LocalDate startDate, LocalDate endDate) {
        public boolean isEmpty() {
            return first > last;
        }

        /** Dates in the span, an upper bound of the days a series writes. */
        public int days() {
            return isEmpty() ? 0 : last - first + 1;
        }
    }

    /** One value of a currency pair's series. */
    public record Point(LocalDate date, BigDecimal value) {
    }

    private RateQueries() {
    }

    /** {@code model}, when it holds rates; a 503 problem while none are loaded yet. */
    public static RatesModel requireRates(RatesModel model) {
        if (model == null) {
            throw ProblemException.unavailable("rates-not-loaded", "Rates not loaded yet",
                    "The server has not loaded the rates yet: the database does not answer. Try again in a few seconds.");
        }
        if (!model.hasRates()) {
            throw ProblemException.unavailable("no-rates-yet", "No rates loaded yet",
                    "The database holds no rates yet. Load them with ./scripts/update-local history "
                            + "(or wait for the scheduled updater), then try again.");
        }
        return model;
    }

    /** The day with rates for {@code requested}: that date, or the last before it that has rates. */
    public static int resolve(RatesModel model, LocalDate requested) {
        int day = model.dayOnOrBefore(requested);
        if (day < 0) {
            throw ProblemException.notFound("no-rates-for-date", "No rates for this date",
                    "There are no " + model.provider() + " rates on or before " + requested + "; the series begins "
                            + model.date(0) + ".");
        }
        return day;
    }

    /** The series of {@code code} (quoted at some time: the parameters were checked against the catalog). */
    public static int series(RatesModel model, String code) {
        int series = model.series(code);
        if (series < 0) {
            throw new IllegalStateException(code + " passed the catalog but has no series");
        }
        return series;
    }

    /** The quotes of a request's base and amount. */
    static Quotes quotes(RatesModel model, RateParameters parameters) {
        return new Quotes(model, series(model, parameters.base()), parameters.amount());
    }

    /** The series asked for, in code order; null for "every currency quoted that day". */
    static int[] selection(RatesModel model, Set<String> symbols) {
        if (symbols.isEmpty()) {
            return null;
        }
        return symbols.stream().mapToInt(code -> series(model, code)).toArray();
    }

    /** Calls {@code each} with every series {@code selection} names that has a value on {@code day}. */
    static void forEachQuote(Quotes quotes, int[] selection, int day, IntConsumer each) {
        if (selection == null) {
            for (int s = 0; s < quotes.model().seriesCount(); s++) {
                if (s != quotes.base() && quotes.quoted(s, day)) {
                    each.accept(s);
                }
            }
            return;
        }
        for (int s : selection) {
            if (quotes.quoted(s, day)) {
                each.accept(s);
            }
        }
    }

    /** The rates of {@code day} for the request, by code, in code order (the base must be quoted that day). */
    public static Map<String, BigDecimal> rates(RatesModel model, int day, RateParameters parameters) {
        Quotes quotes = quotes(model, parameters);
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        forEachQuote(quotes, selection(model, parameters.symbols()), day, s -> rates.put(model.code(s), quotes.value(s, day)));
        return rates;
    }

    /** A 422 problem when {@code currency} has no rate on {@code day}. */
    public static void requireQuoted(RatesModel model, int day, String currency, String parameter) {
        if (!model.quoted(series(model, currency), day)) {
            Currency known = model.quotedCurrencies().get(currency);
            String span = known == null ? "" : " (quoted from " + known.firstDate().map(LocalDate::toString).orElse("?")
                    + " to " + known.lastDate().map(LocalDate::toString).orElse("?") + ", with gaps where it was suspended)";
            throw ProblemException.unprocessable("currency-not-quoted", "Currency not quoted on this date",
                    parameter + " " + currency + " has no rate on " + model.date(day) + span + ". Choose another date or currency.");
        }
    }

    /** {@code amount} of {@code from} in {@code to} on {@code requested} (or the last date before it). */
    public static Conversion convert(RatesModel model, LocalDate requested, String from, String to, BigDecimal amount) {
        int day = resolve(model, requested);
        requireQuoted(model, day, from, "from");
        requireQuoted(model, day, to, "to");
        int quote = series(model, to);
        BigDecimal rate = new Quotes(model, series(model, from), BigDecimal.ONE).value(quote, day);
        BigDecimal result = new Quotes(model, series(model, from), amount).value(quote, day);
        return new Conversion(model.date(day), from, to, amount, rate, result);
    }

    /** How each quote moved from {@code start} to {@code end} (each resolved to its last business day). */
    public static Changes change(RatesModel model, LocalDate start, LocalDate end, RateParameters parameters) {
        requireOrdered(start, end);
        int first = resolve(model, start);
        int last = resolve(model, end);
        requireQuoted(model, first, parameters.base(), "base");
        requireQuoted(model, last, parameters.base(), "base");
        int base = series(model, parameters.base());
        boolean providerBase = base == model.baseSeries();
        Quotes quotes = new Quotes(model, base, BigDecimal.ONE);
        // Computed from the unrounded rates and rounded once, at the end (see Precision).
        Map<String, Change> changes = new LinkedHashMap<>();
        forEachQuote(quotes, selection(model, parameters.symbols()), first, s -> {
            if (!model.quoted(s, last)) {
                return;
            }
            BigDecimal from = CrossRates.exact(providerBase, s == base, model.rate(base, first), model.rate(s, first));
            BigDecimal to = CrossRates.exact(providerBase, s == base, model.rate(base, last), model.rate(s, last));
            BigDecimal difference = to.subtract(from);
            BigDecimal percent = difference.multiply(BigDecimal.valueOf(100)).divide(from, 4, RoundingMode.HALF_EVEN);
            changes.put(model.code(s), new Change(CrossRates.display(providerBase, from), CrossRates.display(providerBase, to),
                    Precision.plain(CrossRates.display(providerBase, difference)), Precision.plain(percent)));
        });
        return new Changes(model.date(first), model.date(last), changes);
    }

    /**
     * The days of the series over {@code [start, end]}. A start without rates (a weekend, a
     * holiday) starts from the last date before it, as a single date would, if that is at most
     * {@value #CARRY_BACK_DAYS} days earlier.
     */
    public static Span span(RatesModel model, LocalDate start, LocalDate end) {
        requireOrdered(start, end);
        int first = model.dayOnOrBefore(start);
        if (first < 0 || model.date(first).isBefore(start.minusDays(CARRY_BACK_DAYS))) {
            first = model.dayOnOrAfter(start);
        }
        int last = model.dayOnOrBefore(end);
        if (first >= model.dayCount() || last < 0 || first > last) {
            return new Span(1, 0, start, end);
        }
        return new Span(first, last, model.date(first), model.date(last));
    }

    /**
     * Calls {@code each} with every day of {@code span} the series shows: days on which the base
     * was not quoted are left out, and so, against the provider's base, are days on which none of
     * the currencies asked for ({@code selection}, null for all) was quoted (not an empty day
     * invented); with a grouping, only the last such day of each period.
     */
    public static void forEachDay(RatesModel model, Span span, int base, int[] selection, Grouping grouping, IntConsumer each) {
        int[] wanted = base == model.baseSeries() ? withoutBase(selection, base) : null;
        int pending = -1;
        for (int day = span.first(); day <= span.last(); day++) {
            if (!model.quoted(base, day) || (wanted != null && !anyQuoted(model, wanted, day))) {
                continue;
            }
            if (grouping == Grouping.DAY) {
                each.accept(day);
                continue;
            }
            if (pending >= 0 && grouping.period(model.date(pending)) != grouping.period(model.date(day))) {
                each.accept(pending);
            }
            pending = day;
        }
        if (pending >= 0) {
            each.accept(pending);
        }
    }

    /** One unit of {@code base} in {@code quote} over {@code [start, end]}, as a series would show it (for charts). */
    public static java.util.List<Point> pair(RatesModel model, LocalDate start, LocalDate end, String base, String quote,
                                             Grouping grouping) {
        Quotes quotes = new Quotes(model, series(model, base), BigDecimal.ONE);
        int quoteSeries = series(model, quote);
        java.util.List<Point> points = new java.util.ArrayList<>();
        forEachDay(model, span(model, start, end), quotes.base(), new int[] {quoteSeries}, grouping, day -> {
            if (quotes.quoted(quoteSeries, day)) {
                points.add(new Point(model.date(day), quotes.value(quoteSeries, day)));
            }
        });
        return points;
    }

    private static int[] withoutBase(int[] selection, int base) {
        if (selection == null) {
            return null;
        }
        int[] others = java.util.Arrays.stream(selection).filter(s -> s != base).toArray();
        return others.length == 0 ? null : others;
    }

    private static boolean anyQuoted(RatesModel model, int[] series, int day) {
        for (int s : series) {
            if (model.quoted(s, day)) {
                return true;
            }
        }
        return false;
    }

    private static void requireOrdered(LocalDate start, LocalDate end) {
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("start-after-end", "Start after end",
                    "The start date " + start + " is after the end date " + end + "; put the earlier date first.");
        }
    }
}
