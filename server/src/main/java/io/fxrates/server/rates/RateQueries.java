package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fxrates.server.currencies.Currency;
import io.fxrates.server.currencies.CurrencyCatalog;
import io.fxrates.server.data.DataState;
import io.fxrates.server.data.DataWatcher;
import io.fxrates.server.http.ProblemException;

/**
 * The questions people ask of the rates (a day, a range, a conversion, a change), answered with
 * the fallback and cross-rate rules; shared by the JSON API and the HTML UI.
 */
public final class RateQueries {

    /** Rates resolved for a requested date. */
    public record Day(LocalDate requested, LocalDate date, Map<String, BigDecimal> rates) {
    }

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
     * How far before a range's start its first value may come from: covers the longest run of
     * TARGET closing days (Christmas to a weekend), not a currency's suspension.
     */
    static final int CARRY_BACK_DAYS = 7;

    private final DataWatcher data;
    private final RateRepository repository;
    private final CurrencyCatalog catalog;
    private final CrossRates crossRates;

    public RateQueries(DataWatcher data, RateRepository repository, CurrencyCatalog catalog) {
        this.data = data;
        this.repository = repository;
        this.catalog = catalog;
        this.crossRates = new CrossRates(data.state().baseCurrency(), catalog::minorUnits);
    }

    public CurrencyCatalog catalog() {
        return catalog;
    }

    /**
     * The current state, when rates are loaded; a 503 problem when the database has never
     * answered or holds no rates yet.
     */
    public DataState requireRates() {
        DataState state = data.state();
        if (state.version() < 0) {
            state = data.refresh();
        }
        if (state.version() < 0) {
            throw ProblemException.databaseUnavailable();
        }
        if (!state.hasRates()) {
            throw ProblemException.unavailable("no-rates-yet", "No rates loaded yet",
                    "The database holds no rates yet. Load them with ./scripts/update-local history "
                            + "(or wait for the scheduled updater), then try again.");
        }
        return state;
    }

    /** The rates for {@code requested}, or for the last date before it that has rates. */
    public Day day(LocalDate requested, RateParameters parameters) {
        LocalDate date = resolve(requested);
        DayRates rates = repository.ratesOn(date);
        requireQuoted(rates, parameters.base(), "base");
        return new Day(requested, date, crossRates.convert(rates, parameters.base(), parameters.symbols(), parameters.amount()));
    }

    /** {@code amount} of {@code from} in {@code to} on {@code requested} (or the last date before it). */
    public Conversion convert(LocalDate requested, String from, String to, BigDecimal amount) {
        LocalDate date = resolve(requested);
        DayRates rates = repository.ratesOn(date);
        requireQuoted(rates, from, "from");
        requireQuoted(rates, to, "to");
        BigDecimal rate = crossRates.convert(rates, from, Set.of(to), BigDecimal.ONE).get(to);
        BigDecimal result = crossRates.convert(rates, from, Set.of(to), amount).get(to);
        return new Conversion(date, from, to, amount, rate, result);
    }

    /** How each quote moved from {@code start} to {@code end} (each resolved to its last business day). */
    public Changes change(LocalDate start, LocalDate end, RateParameters parameters) {
        requireOrdered(start, end);
        LocalDate startDate = resolve(start);
        LocalDate endDate = resolve(end);
        DayRates startRates = repository.ratesOn(startDate);
        DayRates endRates = repository.ratesOn(endDate);
        requireQuoted(startRates, parameters.base(), "base");
        requireQuoted(endRates, parameters.base(), "base");
        // Computed from the unrounded rates and rounded once, at the end (see Precision).
        Map<String, Change> changes = new LinkedHashMap<>();
        String base = parameters.base();
        for (String quote : crossRates.convert(startRates, base, parameters.symbols(), BigDecimal.ONE).keySet()) {
            Optional<BigDecimal> first = crossRates.exact(startRates, base, quote);
            Optional<BigDecimal> last = crossRates.exact(endRates, base, quote);
            if (first.isEmpty() || last.isEmpty()) {
                continue;
            }
            BigDecimal difference = last.get().subtract(first.get());
            BigDecimal percent = difference.multiply(BigDecimal.valueOf(100)).divide(first.get(), 4, RoundingMode.HALF_EVEN);
            changes.put(quote, new Change(crossRates.display(base, first.get()), crossRates.display(base, last.get()),
                    Precision.plain(crossRates.display(base, difference)), Precision.plain(percent)));
        }
        return new Changes(startDate, endDate, changes);
    }

    /**
     * Streams the series over {@code [start, end]} into {@code sink}. A start without rates (a
     * weekend, a holiday) starts from the last date before it, as a single date would, if that
     * is at most {@value #CARRY_BACK_DAYS} days earlier; days on which the base was not quoted
     * are left out.
     */
    public void series(LocalDate start, LocalDate end, RateParameters parameters, Grouping grouping, SeriesSink sink) {
        requireOrdered(start, end);
        Optional<LocalDate> first = repository.newestDateOnOrBefore(start)
                .filter(before -> !before.isBefore(start.minusDays(CARRY_BACK_DAYS)))
                .or(() -> repository.oldestDateOnOrAfter(start));
        Optional<LocalDate> last = repository.newestDateOnOrBefore(end);
        if (first.isEmpty() || last.isEmpty() || first.get().isAfter(last.get())) {
            sink.begin(start, end);
            sink.end();
            return;
        }
        sink.begin(first.get(), last.get());
        Set<String> wanted = parameters.symbols().isEmpty() ? Set.of() : withBase(parameters);
        String providerBase = data.state().baseCurrency();
        if (wanted.contains(providerBase)) {
            wanted = new java.util.LinkedHashSet<>(wanted);
            wanted.remove(providerBase);
            if (wanted.isEmpty()) {
                // EUR against EUR only: read every currency so that each date still comes back.
                wanted = Set.of();
            }
        }
        var pending = new Object() {
            DayRates day;
        };
        repository.forEachDay(first.get(), last.get(), wanted, day -> {
            if (!crossRates.quoted(day, parameters.base())) {
                return;
            }
            if (pending.day != null && grouping.period(pending.day.date()) != grouping.period(day.date())) {
                emit(pending.day, parameters, sink);
            }
            pending.day = day;
            if (grouping == Grouping.DAY) {
                emit(day, parameters, sink);
                pending.day = null;
            }
        });
        if (pending.day != null) {
            emit(pending.day, parameters, sink);
        }
        sink.end();
    }

    private void emit(DayRates day, RateParameters parameters, SeriesSink sink) {
        sink.day(day.date(), crossRates.convert(day, parameters.base(), parameters.symbols(), parameters.amount()));
    }

    private static Set<String> withBase(RateParameters parameters) {
        Set<String> codes = new java.util.LinkedHashSet<>(parameters.symbols());
        codes.add(parameters.base());
        return codes;
    }

    private LocalDate resolve(LocalDate requested) {
        DataState state = requireRates();
        return repository.newestDateOnOrBefore(requested).orElseThrow(() -> ProblemException.notFound("no-rates-for-date",
                "No rates for this date",
                "There are no " + state.provider() + " rates on or before " + requested + "; the series begins "
                        + firstDate().map(LocalDate::toString).orElse("later") + "."));
    }

    private Optional<LocalDate> firstDate() {
        return catalog.quoted().values().stream().flatMap(c -> c.firstDate().stream()).min(LocalDate::compareTo);
    }

    private void requireQuoted(DayRates day, String currency, String parameter) {
        if (!crossRates.quoted(day, currency)) {
            Currency known = catalog.quoted().get(currency);
            String span = known == null ? "" : " (quoted from " + known.firstDate().map(LocalDate::toString).orElse("?")
                    + " to " + known.lastDate().map(LocalDate::toString).orElse("?") + ", with gaps where it was suspended)";
            throw ProblemException.unprocessable("currency-not-quoted", "Currency not quoted on this date",
                    parameter + " " + currency + " has no rate on " + day.date() + span + ". Choose another date or currency.");
        }
    }

    private static void requireOrdered(LocalDate start, LocalDate end) {
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("start-after-end", "Start after end",
                    "The start date " + start + " is after the end date " + end + "; put the earlier date first.");
        }
    }
}
