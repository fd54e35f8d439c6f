package io.fxrates.updater.store;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.fxrates.testing.Fixtures.bytes;
import static io.fxrates.testing.Fixtures.historyZip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Successful runs against a real PostgreSQL: inserts, unchanged re-runs, corrections, history, concurrency. */
class UpdateRunnerTest extends UpdaterTestBase {

    @Test
    void dailyRunInsertsAndAnIdenticalSecondRunChangesNothing() {
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));

        UpdateReport first = run(UpdateMode.DAILY);
        assertTrue(first.succeeded(), first.toJson());
        assertEquals(9, first.inserted());
        assertEquals(0, first.updated());
        assertEquals("2025-05-09", first.newestRateDate().toString());
        assertEquals(1, first.fetchAttempts());
        assertEquals("1|true|true", db.rows("SELECT data_version || '|' || (fetched_at IS NOT NULL) || '|' || (changed_at IS NOT NULL) FROM provider WHERE code = 'ECB'").getFirst());
        // Stored exactly as published: the scale is kept.
        assertEquals("0.9350", db.rateText("ECB", "2025-05-09", "CHF"));
        assertEquals("24.946", db.rateText("ECB", "2025-05-09", "CZK"));
        String changedAt = db.rows("SELECT changed_at::text FROM provider WHERE code = 'ECB'").getFirst();
        String fetchedAt = db.rows("SELECT fetched_at::text FROM provider WHERE code = 'ECB'").getFirst();

        String before = db.rows("SELECT string_agg(rate_date || currency || rate::text, ',' ORDER BY rate_date, currency) FROM rate").getFirst();
        UpdateReport second = run(UpdateMode.DAILY);
        assertTrue(second.succeeded(), second.toJson());
        assertEquals(0, second.inserted());
        assertEquals(0, second.updated());
        assertEquals(9, second.unchanged());
        assertEquals(before, db.rows("SELECT string_agg(rate_date || currency || rate::text, ',' ORDER BY rate_date, currency) FROM rate").getFirst());
        // No new data: the version (and so the server's ETags) stays; fetched_at moves on.
        assertEquals("1", db.rows("SELECT data_version::text FROM provider WHERE code = 'ECB'").getFirst());
        assertEquals(changedAt, db.rows("SELECT changed_at::text FROM provider WHERE code = 'ECB'").getFirst());
        assertTrue(db.rows("SELECT (fetched_at > '" + fetchedAt + "')::text FROM provider WHERE code = 'ECB'").getFirst().equals("true"));
        assertEquals(0, db.count("SELECT count(*) FROM rate_correction"));

        Map<String, String> audit = db.lastRun();
        assertEquals("succeeded", audit.get("outcome"));
        assertEquals("daily", audit.get("mode"));
        assertEquals("0", audit.get("rows_inserted"));
        assertEquals("9", audit.get("rows_unchanged"));
        assertEquals("2025-05-09", audit.get("newest_rate_date"));
        assertEquals("1", audit.get("fetch_attempts"));
        assertNotNull(audit.get("finished_at"));
        assertNull(audit.get("error"));
        assertEquals(2, db.count("SELECT count(*) FROM update_run WHERE outcome = 'succeeded'"));
    }

    @Test
    void aCorrectionIsAppliedAndAudited() {
        server.on("eurofxref-hist-90d.xml", Reply.xml(bytes("ecb/eurofxref-hist-90d.xml")),
                Reply.xml(bytes("ecb/eurofxref-hist-90d-corrected.xml")));
        UpdateReport first = run(UpdateMode.NINETY_DAYS);
        assertTrue(first.succeeded(), first.toJson());
        assertEquals(9, first.inserted());
        assertEquals("0.8500", db.rateText("ECB", "2025-05-07", "GBP"));

        UpdateReport corrected = run(UpdateMode.NINETY_DAYS);
        assertTrue(corrected.succeeded(), corrected.toJson());
        assertEquals(0, corrected.inserted());
        assertEquals(1, corrected.updated());
        assertEquals(8, corrected.unchanged());
        assertEquals("1.1299", db.rateText("ECB", "2025-05-08", "USD"));
        assertEquals(List.of(corrected.runId() + "|ECB|2025-05-08|USD|1.1297|1.1299"),
                db.rows("SELECT run_id || '|' || provider || '|' || rate_date || '|' || currency || '|' || old_rate || '|' || new_rate FROM rate_correction"));
        assertEquals("2", db.rows("SELECT data_version::text FROM provider WHERE code = 'ECB'").getFirst());
        assertEquals("1", db.lastRun().get("rows_updated"));

        // Published again, unchanged: nothing more to correct.
        UpdateReport again = run(UpdateMode.NINETY_DAYS);
        assertEquals(9, again.unchanged());
        assertEquals(1, db.count("SELECT count(*) FROM rate_correction"));
        assertEquals("2", db.rows("SELECT data_version::text FROM provider WHERE code = 'ECB'").getFirst());
    }

    @Test
    void theSameValueWrittenDifferentlyIsACorrectionOfTheText() {
        // Stored as published: "0.8500" republished as "0.85" changes the stored text, so it is
        // recorded (the schema's rate_correction check allows equal numbers with different texts).
        server.on("eurofxref-hist-90d.xml", Reply.xml(bytes("ecb/eurofxref-hist-90d.xml")),
                Reply.xml(new String(bytes("ecb/eurofxref-hist-90d.xml")).replace("\"0.8500\"", "\"0.85\"").getBytes()));
        run(UpdateMode.NINETY_DAYS);
        UpdateReport second = run(UpdateMode.NINETY_DAYS);
        assertEquals(1, second.updated(), second.toJson());
        assertEquals("0.85", db.rateText("ECB", "2025-05-07", "GBP"));
        assertEquals(List.of("0.8500|0.85"), db.rows("SELECT old_rate::text || '|' || new_rate::text FROM rate_correction"));
    }

    @Test
    void historyFromTheZipThenTheDailyFeedLeavesTheDatabaseEqualToTheSource() {
        byte[] csv = bytes("ecb/eurofxref-hist.csv");
        server.on("eurofxref-hist.zip", Reply.zip(historyZip(csv)));
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));

        UpdateReport history = run(UpdateMode.HISTORY);
        assertTrue(history.succeeded(), history.toJson());
        Map<String, String> expected = csvCells(new String(csv));
        assertEquals(expected.size(), history.inserted());
        assertEquals("2025-05-09", history.newestRateDate().toString());
        assertEquals(expected, storedCells());
        // N/A cells are absent, not zero: ISK's gap, CYP after the euro, BGN before it started.
        assertNull(db.rateText("ECB", "2010-06-01", "ISK"));
        assertEquals("126.0", db.rateText("ECB", "2018-02-01", "ISK"));
        assertNull(db.rateText("ECB", "2025-05-09", "CYP"));
        assertNull(db.rateText("ECB", "1999-01-04", "BGN"));
        assertEquals("0.58231", db.rateText("ECB", "1999-01-04", "CYP"));

        UpdateReport daily = run(UpdateMode.DAILY);
        assertTrue(daily.succeeded(), daily.toJson());
        assertEquals(0, daily.inserted() + daily.updated());
        assertEquals(9, daily.unchanged());
        assertEquals(expected, storedCells());
    }

    @Test
    void twoRunsAtOnceNeitherCorruptNorDuplicate() throws Exception {
        server.on("eurofxref-hist.zip", Reply.zip(historyZip(bytes("ecb/eurofxref-hist.csv"))));
        int expected = csvCells(new String(bytes("ecb/eurofxref-hist.csv"))).size();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<UpdateReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<UpdateReport> task = () -> {
                    go.await();
                    return run(UpdateMode.HISTORY);
                };
                runs.add(pool.submit(task));
            }
            go.countDown();
            UpdateReport a = runs.get(0).get();
            UpdateReport b = runs.get(1).get();
            assertTrue(a.succeeded() && b.succeeded(), a.toJson() + " " + b.toJson());
            assertEquals(expected, a.inserted() + b.inserted());
            assertEquals(expected, a.unchanged() + b.unchanged());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(expected, db.count("SELECT count(*) FROM rate"));
        assertEquals("1", db.rows("SELECT data_version::text FROM provider WHERE code = 'ECB'").getFirst());
        assertEquals(2, db.count("SELECT count(*) FROM update_run WHERE outcome = 'succeeded'"));
    }

    @Test
    void aRunThatDiedIsClosedAsAbandonedByTheNextOne() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO update_run (provider, mode, started_at, outcome) VALUES ('ECB', 'daily', now() - interval '2 hours', 'running')");
            s.execute("INSERT INTO update_run (provider, mode, started_at, outcome) VALUES ('ECB', 'daily', now() - interval '1 minute', 'running')");
        }
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        assertTrue(run(UpdateMode.DAILY).succeeded());
        assertEquals(List.of("1|failed|abandoned: still running after 1 hour (the process died or timed out)", "2|running|", "3|succeeded|"),
                db.rows("SELECT id || '|' || outcome || '|' || coalesce(error, '') FROM update_run ORDER BY id"));
    }

    /** date|currency -> text for every non-N/A cell of an ECB history CSV. */
    static Map<String, String> csvCells(String csv) {
        String[] lines = csv.split("\n");
        String[] header = lines[0].split(",", -1);
        Map<String, String> cells = new java.util.TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] row = lines[i].split(",", -1);
            for (int col = 1; col < header.length; col++) {
                if (!header[col].isBlank() && !row[col].equals("N/A")) {
                    cells.put(row[0] + "|" + header[col], row[col]);
                }
            }
        }
        return cells;
    }

    private Map<String, String> storedCells() {
        Map<String, String> stored = new java.util.TreeMap<>();
        for (String row : db.rows("SELECT rate_date || '|' || currency || '|' || rate::text FROM rate WHERE provider = 'ECB'")) {
            int last = row.lastIndexOf('|');
            stored.put(row.substring(0, last), row.substring(last + 1));
        }
        return stored;
    }
}
