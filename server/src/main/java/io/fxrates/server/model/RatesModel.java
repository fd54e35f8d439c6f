package io.fxrates.server.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import io.fxrates.server.currencies.Currency;
import io.fxrates.server.data.DataState;

/**
 * Every rate of one provider, in memory, immutable: what every answer and page is computed from.
 *
 * <p>Layout (see docs/database.md, "The read model"): one sorted {@code int[]} of the dates that
 * have rates (epoch days), shared by every currency; per currency a {@code long[]} of unscaled
 * values and a {@code byte[]} of scales over that day index, 0 where the currency was not quoted.
 * No object per rate: the ECB's 210,545 rates take about 2.5 MB, a provider with 170 currencies
 * over 30 years of daily rates about 17 MB. The provider's base currency is a series of its own
 * whose every value is 1, so that cross rates need no special case.
 *
 * <p>A new version of the data is a new model, swapped in whole ({@code RatesData}); a request
 * reads one model from start to end, so an answer never mixes two versions.
 */
public final class RatesModel {

    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final String provider;
    private final String baseCurrency;
    private final long version;
    private final Optional<Instant> fetchedAt;
    private final Optional<Instant> changedAt;
    private final int[] days;
    private final LocalDate[] dates;
    private final byte[][] dateText;
    private final String[] codes;
    private final long[][] unscaled;
    private final byte[][] scales;
    private final int[] firstDay;
    private final int[] lastDay;
    private final int baseSeries;
    private final Map<String, Integer> seriesByCode;
    private final Map<String, Currency> all;
    private final Map<String, Currency> quoted;
    private final long bytes;
    private final DataState state;
    private final long generation = GENERATIONS.incrementAndGet();

    RatesModel(String provider, String baseCurrency, long version, Optional<Instant> fetchedAt, Optional<Instant> changedAt,
               int[] days, String[] codes, long[][] unscaled, byte[][] scales, Map<String, Currency> iso) {
        this.provider = provider;
        this.baseCurrency = baseCurrency;
        this.version = version;
        this.fetchedAt = fetchedAt;
        this.changedAt = changedAt;
        this.days = days;
        this.codes = codes;
        this.unscaled = unscaled;
        this.scales = scales;
        this.dates = new LocalDate[days.length];
        this.dateText = new byte[days.length][];
        for (int d = 0; d < days.length; d++) {
            dates[d] = LocalDate.ofEpochDay(days[d]);
            dateText[d] = dates[d].toString().getBytes(StandardCharsets.US_ASCII);
        }
        this.seriesByCode = new HashMap<>();
        this.firstDay = new int[codes.length];
        this.lastDay = new int[codes.length];
        int base = -1;
        Map<String, Currency> spans = new TreeMap<>();
        for (int s = 0; s < codes.length; s++) {
            seriesByCode.put(codes[s], s);
            if (codes[s].equals(baseCurrency)) {
                base = s;
            }
            int first = 0;
            while (first < days.length && unscaled[s][first] == 0) {
                first++;
            }
            int last = days.length - 1;
            while (last >= 0 && unscaled[s][last] == 0) {
                last--;
            }
            firstDay[s] = first;
            lastDay[s] = last;
            Currency known = iso.get(codes[s]);
            if (known != null && first <= last) {
                spans.put(codes[s], new Currency(known.code(), known.name(), known.minorUnits(), known.historic(),
                        Optional.of(dates[first]), Optional.of(dates[last])));
            }
        }
        this.baseSeries = base;
        this.all = Collections.unmodifiableMap(new TreeMap<>(iso));
        this.quoted = Collections.unmodifiableMap(spans);
        this.bytes = footprint();
        this.state = new DataState(provider, baseCurrency, version, fetchedAt, changedAt,
                days.length == 0 ? Optional.empty() : Optional.of(dates[days.length - 1]));
    }

    /** The same rates with new provenance (an update run that changed no rate still fetched them). */
    public RatesModel withProvenance(Optional<Instant> fetched, Optional<Instant> changed) {
        return new RatesModel(this, fetched, changed);
    }

    private RatesModel(RatesModel rates, Optional<Instant> fetched, Optional<Instant> changed) {
        this.provider = rates.provider;
        this.baseCurrency = rates.baseCurrency;
        this.version = rates.version;
        this.fetchedAt = fetched;
        this.changedAt = changed;
        this.days = rates.days;
        this.dates = rates.dates;
        this.dateText = rates.dateText;
        this.codes = rates.codes;
        this.unscaled = rates.unscaled;
        this.scales = rates.scales;
        this.firstDay = rates.firstDay;
        this.lastDay = rates.lastDay;
        this.baseSeries = rates.baseSeries;
        this.seriesByCode = rates.seriesByCode;
        this.all = rates.all;
        this.quoted = rates.quoted;
        this.bytes = rates.bytes;
        this.state = new DataState(provider, baseCurrency, version, fetched, changed, rates.state.newestDate());
    }

    /** Bytes the arrays take, object headers included: what the model costs the heap. */
    private long footprint() {
        long total = 16L + 4L * days.length;
        total += days.length * (16L + 16L + 24L);
        for (int s = 0; s < codes.length; s++) {
            total += 16L + 8L * unscaled[s].length + 16L + scales[s].length;
        }
        return total;
    }

    public String provider() {
        return provider;
    }

    public String baseCurrency() {
        return baseCurrency;
    }

    public long version() {
        return version;
    }

    /** This instance's number, distinct for every model the server held (a provenance swap included). */
    public long generation() {
        return generation;
    }

    public Optional<Instant> fetchedAt() {
        return fetchedAt;
    }

    public Optional<Instant> changedAt() {
        return changedAt;
    }

    /** Provider, version, provenance and newest date, as the rest of the server reads them. */
    public DataState state() {
        return state;
    }

    public boolean hasRates() {
        return days.length > 0;
    }

    /** The number of dates that have rates. */
    public int dayCount() {
        return days.length;
    }

    public LocalDate date(int day) {
        return dates[day];
    }

    /** The date of {@code day} as {@code yyyy-MM-dd}, ASCII. */
    public byte[] dateText(int day) {
        return dateText[day];
    }

    /** The index of the newest date on or before {@code date}, or -1 when there is none. */
    public int dayOnOrBefore(LocalDate date) {
        long epochDay = date.toEpochDay();
        if (epochDay > Integer.MAX_VALUE) {
            return days.length - 1;
        }
        if (epochDay < Integer.MIN_VALUE) {
            return -1;
        }
        int found = Arrays.binarySearch(days, (int) epochDay);
        return found >= 0 ? found : -found - 2;
    }

    /** The index of the oldest date on or after {@code date}, or {@link #dayCount()} when there is none. */
    public int dayOnOrAfter(LocalDate date) {
        long epochDay = date.toEpochDay();
        if (epochDay > Integer.MAX_VALUE) {
            return days.length;
        }
        if (epochDay < Integer.MIN_VALUE) {
            return 0;
        }
        int found = Arrays.binarySearch(days, (int) epochDay);
        return found >= 0 ? found : -found - 1;
    }

    /** The number of series: every currency ever quoted, and the provider's base. */
    public int seriesCount() {
        return codes.length;
    }

    /** The series of {@code code}, or -1 when the provider never quoted it. */
    public int series(String code) {
        Integer s = seriesByCode.get(code);
        return s == null ? -1 : s;
    }

    public String code(int series) {
        return codes[series];
    }

    /** The series of the provider's base currency, whose every value is 1 (-1 when there are no rates). */
    public int baseSeries() {
        return baseSeries;
    }

    public boolean quoted(int series, int day) {
        return unscaled[series][day] != 0;
    }

    /** The unscaled value of {@code series} on {@code day}, as published (0: not quoted that day). */
    public long unscaled(int series, int day) {
        return unscaled[series][day];
    }

    public int scale(int series, int day) {
        return scales[series][day];
    }

    /** The published rate of {@code series} on {@code day} (units per one unit of the base), or null. */
    public BigDecimal rate(int series, int day) {
        long value = unscaled[series][day];
        return value == 0 ? null : BigDecimal.valueOf(value, scales[series][day]);
    }

    /** The first and last day {@code series} was quoted (first after last when never). */
    public int firstDay(int series) {
        return firstDay[series];
    }

    public int lastDay(int series) {
        return lastDay[series];
    }

    /** Every ISO 4217 currency known, by code. */
    public Map<String, Currency> allCurrencies() {
        return all;
    }

    /** The currencies the provider quotes or quoted, its base included, with their spans, by code. */
    public Map<String, Currency> quotedCurrencies() {
        return quoted;
    }

    /** Minor units of {@code code}; 2 when ISO 4217 gives none. */
    public int minorUnits(String code) {
        Currency currency = all.get(code);
        return currency == null ? 2 : currency.minorUnits();
    }

    /** What the arrays cost the heap, in bytes. */
    public long bytes() {
        return bytes;
    }
}
