package io.fxrates.server.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.fxrates.server.support.TestDatabase;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three hot questions are answered from indexes, on a table the size of the ECB's whole
 * history (26 years of business days, 41 currencies). The plans are printed and written to
 * {@code target/query-plans.txt}; docs/database.md shows them.
 */
class QueryPlansTest {

    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void fillWithAHistorysWorthOfRows() throws SQLException {
        TestDatabase.createDatabase("plans");
        try (Connection c = TestDatabase.dataSource("plans").getConnection(); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO rate (provider, rate_date, currency, rate)
                    SELECT 'ECB', d::date, c.code, round((1 + random() * 100)::numeric, 4)
                    FROM generate_series(date '1999-01-04', date '2025-05-09', interval '1 day') AS d,
                         unnest(string_to_array('USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,'
                             || 'CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR', ','))
                             AS c(code)
                    WHERE extract(isodow FROM d) < 6""");
            // As autovacuum would: statistics for the planner, and a visibility map for index-only scans.
            s.execute("VACUUM ANALYZE rate");
        }
    }

    private static String plan(String title, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = TestDatabase.dataSource("plans").getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        String entry = "-- " + title + "\n" + sql + "\n" + plan;
        System.out.println(entry);
        REPORT.add(entry);
        write();
        return plan.toString();
    }

    private static void write() {
        try {
            Files.writeString(Path.of("target", "query-plans.txt"), String.join("\n", REPORT));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void newestDateOnOrBeforeIsOneBackwardIndexProbe() throws SQLException {
        String plan = plan("the newest date on or before D",
                "SELECT rate_date FROM rate WHERE provider = 'ECB' AND rate_date <= '2020-01-01' ORDER BY rate_date DESC LIMIT 1");
        assertTrue(plan.contains("Index Only Scan Backward using rate_pkey"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void allCurrenciesOnOneDateIsOneIndexRange() throws SQLException {
        String plan = plan("all currencies on one date",
                "SELECT currency, rate FROM rate WHERE provider = 'ECB' AND rate_date = '2019-12-31'");
        assertTrue(plan.contains("using rate_pkey"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void aRangeForAFewCurrenciesReadsOnlyTheirSlicesOfTheIndex() throws SQLException {
        String plan = plan("a date range for a few currencies",
                "SELECT rate_date, currency, rate FROM rate WHERE provider = 'ECB' AND currency = ANY ('{USD,GBP,JPY}'::text[]) "
                        + "AND rate_date BETWEEN '2024-01-01' AND '2024-12-31' ORDER BY rate_date, currency");
        assertTrue(plan.contains("Index Only Scan using rate_by_currency_and_date"), plan);
        assertTrue(plan.contains("actual rows=786 "), "three currencies on the 262 weekdays of 2024: " + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }
}
