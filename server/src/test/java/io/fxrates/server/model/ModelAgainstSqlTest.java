package io.fxrates.server.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import io.fxrates.server.rates.CrossRates;
import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read model answers exactly what SQL over the same rows answers: for random days, ranges,
 * bases, symbols, amounts and groupings, the API's JSON (computed from the model's arrays, cross
 * rates divided with longs) is compared number for number, scale included, with a reference that
 * reads the rows with SQL and applies the documented rules with BigDecimal ({@link CrossRates}).
 * The data are random too: 14 currencies over a year and a half of weekdays, each with gaps,
 * values from 0.00001 to 30,000 with 1 to 6 decimals and trailing zeros kept.
 */
class ModelAgainstSqlTest {

    private static final long SEED = Long.getLong("fxrates.property.seed", System.nanoTime());
    private static final String[] CODES = {"USD", "JPY", "GBP", "CHF", "ISK", "IDR", "TRY", "KWD", "BHD", "CLP", "VND",
            "ZAR", "SEK", "HUF"};
    private static final LocalDate FIRST = LocalDate.of(2023, 1, 2);
    private static final LocalDate LAST = LocalDate.of(2024, 6, 28);

    private static TestServer server;
    private static DataSource data;
    private static final Map<String, Integer> MINOR_UNITS = new HashMap<>();

    @BeforeAll
    static void randomRates() throws SQLException {
        System.out.println("ModelAgainstSqlTest seed " + SEED + " (rerun with -Dfxrates.property.seed=" + SEED + ")");
        Random random = new Random(SEED);
        TestDatabase.createDatabase("model_vs_sql");
        data = TestDatabase.dataSource("model_vs_sql");
        try (Connection c = data.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO rate VALUES ('ECB', ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (String code : CODES) {
                double magnitude = Math.pow(10, random.nextInt(10) - 5);
                int scale = 1 + random.nextInt(6);
                LocalDate gapStart = FIRST.plusDays(random.nextInt(500));
                LocalDate gapEnd = gapStart.plusDays(random.nextInt(60));
                for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
                    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                    boolean inGap = !day.isBefore(gapStart) && !day.isAfter(gapEnd);
                    if (weekend || inGap || random.nextInt(40) == 0) {
                        continue;
                    }
                    BigDecimal rate = BigDecimal.valueOf(magnitude * (1 + random.nextDouble() * 3)).setScale(scale, RoundingMode.HALF_EVEN);
                    if (rate.signum() <= 0) {
                        rate = BigDecimal.ONE.movePointLeft(scale);
                    }
                    insert.setDate(1, Date.valueOf(day));
                    insert.setString(2, code);
                    insert.setBigDecimal(3, rate);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            try (var s = c.createStatement()) {
                s.execute("UPDATE provider SET data_version = 1, fetched_at = now(), changed_at = now() WHERE code = 'ECB'");
            }
            c.commit();
        }
        try (Connection c = data.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT code, coalesce(minor_units, 2) FROM currency")) {
            while (rs.next()) {
                MINOR_UNITS.put(rs.getString(1), rs.getInt(2));
            }
        }
        readRows();
        server = TestServer.start(TestDatabase.url("model_vs_sql"), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- the reference: SQL rows and the documented rules, in BigDecimal ----

    /** Every row, read once with SQL: the reference looks up days here rather than asking per day. */
    private static final TreeMap<LocalDate, Map<String, BigDecimal>> ROWS = new TreeMap<>();

    private static void readRows() throws SQLException {
        try (Connection c = data.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT rate_date, currency, rate FROM rate WHERE provider = 'ECB'")) {
            while (rs.next()) {
                ROWS.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
            }
        }
    }

    private static Map<String, BigDecimal> ratesOn(LocalDate date) {
        return new TreeMap<>(ROWS.getOrDefault(date, Map.of()));
    }

    private static LocalDate newestOnOrBefore(LocalDate date) {
        return ROWS.floorKey(date);
    }

    private static LocalDate oldestOnOrAfter(LocalDate date) {
        return ROWS.ceilingKey(date);
    }

    /** The quotes of one day (its rows, EUR = 1 added), or null when the base was not quoted. */
    private static Map<String, BigDecimal> convert(Map<String, BigDecimal> rows, String base, Set<String> symbols, BigDecimal amount) {
        Map<String, BigDecimal> day = new TreeMap<>(rows);
        day.put("EUR", BigDecimal.ONE);
        if (!day.containsKey(base)) {
            return null;
        }
        Set<String> quotes = new TreeSet<>(symbols.isEmpty() ? day.keySet() : symbols);
        if (symbols.isEmpty()) {
            quotes.remove(base);
        }
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        for (String quote : quotes) {
            if (day.containsKey(quote)) {
                result.put(quote, CrossRates.value(base.equals("EUR"), quote.equals(base), day.get(base), day.get(quote), amount,
                        MINOR_UNITS.getOrDefault(quote, 2)));
            }
        }
        return result;
    }

    private static long period(String grouping, LocalDate date) {
        return switch (grouping) {
            case "week" -> date.get(IsoFields.WEEK_BASED_YEAR) * 100L + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "month" -> date.getYear() * 100L + date.getMonthValue();
            default -> date.toEpochDay();
        };
    }

    // ---- comparison ----

    private static void assertSameRates(Map<String, BigDecimal> expected, JsonObject actual, String what) {
        List<String> expectedKeys = new ArrayList<>(expected.keySet());
        assertEquals(expectedKeys, new ArrayList<>(actual.keySet()), what + ": the currencies, in order");
        for (Map.Entry<String, JsonValue> entry : actual.entrySet()) {
            BigDecimal value = ((JsonNumber) entry.getValue()).bigDecimalValue();
            assertEquals(expected.get(entry.getKey()), value, what + " " + entry.getKey() + " (scale included)");
        }
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static Set<String> symbols(Random random) {
        Set<String> symbols = new TreeSet<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            symbols.add(random.nextInt(8) == 0 ? "EUR" : CODES[random.nextInt(CODES.length)]);
        }
        return symbols;
    }

    private static String query(String base, Set<String> symbols, String amount) {
        StringBuilder q = new StringBuilder("?base=" + base);
        if (!symbols.isEmpty()) {
            q.append("&symbols=").append(String.join(",", symbols));
        }
        if (!amount.equals("1")) {
            q.append("&amount=").append(amount);
        }
        return q.toString();
    }

    @Test
    void daysAgreeWithSql() {
        Random random = new Random(SEED);
        int compared = 0;
        for (int i = 0; i < 300; i++) {
            LocalDate date = FIRST.plusDays(random.nextInt(560) - 5);
            String base = random.nextInt(4) == 0 ? "EUR" : CODES[random.nextInt(CODES.length)];
            Set<String> symbols = symbols(random);
            String amount = pick(random, "1", "1", "1", "100", "0.37", "123456789.12", "0.000001");
            String path = "/v1/" + date + query(base, symbols, amount);
            var response = server.get(path);
            LocalDate resolved = newestOnOrBefore(date);
            if (resolved == null) {
                assertEquals(404, response.statusCode(), path);
                continue;
            }
            Map<String, BigDecimal> expected = convert(ratesOn(resolved), base, symbols, new BigDecimal(amount));
            if (expected == null) {
                assertEquals(422, response.statusCode(), path + ": " + response.body());
                continue;
            }
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            JsonObject body = TestServer.parse(response.body());
            assertEquals(resolved.toString(), body.getString("date"), path);
            assertSameRates(expected, body.getJsonObject("rates"), path);
            compared++;
        }
        System.out.println("ModelAgainstSqlTest: " + compared + " days compared");
    }

    @Test
    void rangesAgreeWithSql() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 80; i++) {
            LocalDate start = FIRST.plusDays(random.nextInt(560) - 10);
            LocalDate end = start.plusDays(random.nextInt(i % 4 == 0 ? 600 : 40));
            String base = random.nextInt(3) == 0 ? "EUR" : CODES[random.nextInt(CODES.length)];
            Set<String> symbols = symbols(random);
            String amount = pick(random, "1", "1", "1", "250");
            String grouping = pick(random, "day", "day", "week", "month");
            String path = "/v1/" + start + ".." + end + query(base, symbols, amount) + "&group=" + grouping;
            var response = server.get(path);
            LocalDate before = newestOnOrBefore(start);
            LocalDate first = before != null && !before.isBefore(start.minusDays(7)) ? before : oldestOnOrAfter(start);
            LocalDate last = newestOnOrBefore(end);
            if (first == null || last == null || first.isAfter(last)) {
                assertEquals(404, response.statusCode(), path + ": " + response.body());
                assertEquals("https://fxrates.dev/problems/no-rates-for-range", TestServer.parse(response.body()).getString("type"), path);
                continue;
            }
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            JsonObject body = TestServer.parse(response.body());
            assertEquals(first.toString(), body.getString("start_date"), path);
            assertEquals(last.toString(), body.getString("end_date"), path);
            Set<String> wanted = new TreeSet<>(symbols);
            if (!symbols.isEmpty()) {
                wanted.add(base);
            }
            wanted.remove("EUR");
            Map<LocalDate, Map<String, BigDecimal>> shown = new LinkedHashMap<>();
            LocalDate pending = null;
            Map<String, BigDecimal> pendingRates = null;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                Map<String, BigDecimal> rows = ratesOn(day);
                rows.keySet().retainAll(wanted.isEmpty() ? rows.keySet() : wanted);
                if (rows.isEmpty() && !(wanted.isEmpty() && !ratesOn(day).isEmpty())) {
                    continue;
                }
                Map<String, BigDecimal> values = convert(rows, base, symbols, new BigDecimal(amount));
                if (values == null) {
                    continue;
                }
                if (pending != null && period(grouping, pending) != period(grouping, day)) {
                    shown.put(pending, pendingRates);
                }
                pending = day;
                pendingRates = values;
            }
            if (pending != null) {
                shown.put(pending, pendingRates);
            }
            JsonObject rates = body.getJsonObject("rates");
            assertEquals(shown.keySet().stream().map(LocalDate::toString).toList(), new ArrayList<>(rates.keySet()), path + ": the days");
            for (Map.Entry<LocalDate, Map<String, BigDecimal>> day : shown.entrySet()) {
                assertSameRates(day.getValue(), rates.getJsonObject(day.getKey().toString()), path + " " + day.getKey());
            }
        }
    }
}
