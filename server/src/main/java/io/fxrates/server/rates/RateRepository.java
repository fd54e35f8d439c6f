package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * Reads published rates. The statements live in {@code application.yaml} ({@code db.statements});
 * each one is served by an index (see the EXPLAIN output in docs/database.md).
 */
public final class RateRepository {

    /** Days read per query when streaming a range: bounds memory whatever the range. */
    static final int DAYS_PER_CHUNK = 366;

    private final DbClient db;
    private final String provider;

    public RateRepository(DbClient db, String provider) {
        this.db = db;
        this.provider = provider;
    }

    /** The newest date with rates on or before {@code date}. */
    public Optional<LocalDate> newestDateOnOrBefore(LocalDate date) {
        return db.execute().namedGet("newest-date-on-or-before", provider, date)
                .map(row -> row.column("rate_date").get(LocalDate.class));
    }

    /** The oldest date with rates on or after {@code date}. */
    public Optional<LocalDate> oldestDateOnOrAfter(LocalDate date) {
        return db.execute().namedGet("oldest-date-on-or-after", provider, date)
                .map(row -> row.column("rate_date").get(LocalDate.class));
    }

    /** The rates published on exactly {@code date} (empty when none were). */
    public DayRates ratesOn(LocalDate date) {
        Map<String, BigDecimal> rates = new TreeMap<>();
        try (Stream<DbRow> rows = db.execute().namedQuery("rates-on-date", provider, date)) {
            rows.forEach(row -> rates.put(row.column("currency").get(String.class),
                    row.column("rate").get(BigDecimal.class)));
        }
        return new DayRates(date, rates);
    }

    /**
     * Hands each date in {@code [start, end]} that has rates to {@code consumer}, oldest first,
     * reading a year at a time so that 25 years stream in bounded memory.
     *
     * @param currencies the currencies to read, or empty for all
     */
    public void forEachDay(LocalDate start, LocalDate end, Collection<String> currencies, Consumer<DayRates> consumer) {
        String[] codes = currencies.toArray(String[]::new);
        for (LocalDate chunkStart = start; !chunkStart.isAfter(end); chunkStart = chunkStart.plusDays(DAYS_PER_CHUNK)) {
            LocalDate chunkEnd = chunkStart.plusDays(DAYS_PER_CHUNK - 1);
            if (chunkEnd.isAfter(end)) {
                chunkEnd = end;
            }
            Map<LocalDate, Map<String, BigDecimal>> days = new LinkedHashMap<>();
            try (Stream<DbRow> rows = codes.length == 0
                    ? db.execute().namedQuery("rates-in-range", provider, chunkStart, chunkEnd)
                    : db.execute().namedQuery("rates-in-range-for-currencies", provider, codes, chunkStart, chunkEnd)) {
                rows.forEach(row -> days.computeIfAbsent(row.column("rate_date").get(LocalDate.class), d -> new TreeMap<>())
                        .put(row.column("currency").get(String.class), row.column("rate").get(BigDecimal.class)));
            }
            days.forEach((date, rates) -> consumer.accept(new DayRates(date, rates)));
        }
    }
}
