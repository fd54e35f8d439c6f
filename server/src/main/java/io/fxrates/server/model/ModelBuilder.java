package io.fxrates.server.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fxrates.server.currencies.Currency;

/**
 * Collects rates in date order (as the loader reads them: by date, then currency) into the
 * arrays of a {@link RatesModel}: each currency's arrays grow with the day index and keep 0
 * where it was not quoted.
 */
public final class ModelBuilder {

    private final String provider;
    private final String baseCurrency;
    private final Map<String, Currency> iso;
    private final Map<String, Series> series = new TreeMap<>();
    private int[] days = new int[1024];
    private int dayCount;
    private final Decimals.Value parsed = new Decimals.Value();

    private static final class Series {
        long[] unscaled = new long[1024];
        byte[] scales = new byte[1024];

        void set(int day, long value, int scale) {
            if (day >= unscaled.length) {
                int capacity = Math.max(unscaled.length * 2, day + 1);
                unscaled = Arrays.copyOf(unscaled, capacity);
                scales = Arrays.copyOf(scales, capacity);
            }
            unscaled[day] = value;
            scales[day] = (byte) scale;
        }
    }

    /** A builder for {@code provider}, whose rates are units per one {@code baseCurrency}; {@code iso} names the currencies. */
    public ModelBuilder(String provider, String baseCurrency, Map<String, Currency> iso) {
        this.provider = provider;
        this.baseCurrency = baseCurrency;
        this.iso = new LinkedHashMap<>(iso);
    }

    /**
     * Adds one rate; calls must come in ascending date order. {@code rate} is the rate's text as
     * PostgreSQL gives a numeric (plain notation, the published scale).
     */
    public void add(int epochDay, String currency, CharSequence rate) {
        if (dayCount == 0 || days[dayCount - 1] != epochDay) {
            if (dayCount > 0 && epochDay < days[dayCount - 1]) {
                throw new IllegalArgumentException("rates out of date order at " + java.time.LocalDate.ofEpochDay(epochDay));
            }
            if (dayCount == days.length) {
                days = Arrays.copyOf(days, days.length * 2);
            }
            days[dayCount++] = epochDay;
        }
        Decimals.parse(rate, parsed);
        if (parsed.unscaled == 0) {
            throw new IllegalArgumentException("a zero rate of " + currency + " on " + java.time.LocalDate.ofEpochDay(epochDay));
        }
        if (parsed.scale > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("the rate " + rate + " of " + currency + " has too many decimals");
        }
        series.computeIfAbsent(currency, c -> new Series()).set(dayCount - 1, parsed.unscaled, parsed.scale);
    }

    /** The model of everything added, at data {@code version} with its provenance. */
    public RatesModel build(long version, Optional<Instant> fetchedAt, Optional<Instant> changedAt) {
        int[] dayIndex = Arrays.copyOf(days, dayCount);
        Map<String, Series> all = new TreeMap<>(series);
        if (dayCount > 0) {
            Series base = new Series();
            for (int d = 0; d < dayCount; d++) {
                base.set(d, 1, 0);
            }
            all.put(baseCurrency, base);
        }
        String[] codes = all.keySet().toArray(String[]::new);
        long[][] unscaled = new long[codes.length][];
        byte[][] scales = new byte[codes.length][];
        for (int s = 0; s < codes.length; s++) {
            Series values = all.get(codes[s]);
            unscaled[s] = Arrays.copyOf(values.unscaled, dayCount);
            scales[s] = Arrays.copyOf(values.scales, dayCount);
        }
        return new RatesModel(provider, baseCurrency, version, fetchedAt, changedAt, dayIndex, codes, unscaled, scales, iso);
    }
}
