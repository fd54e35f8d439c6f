package io.fxrates.updater.oxr;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.testing.LogCapture;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static io.fxrates.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The second provider plugs in: an API key in the query, never in a log line or an error; its own provider row. */
class OpenExchangeRatesProviderTest extends UpdaterTestBase {
    private static final String KEY = "s3cr3t-app-id-0123456789";
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void restoreLog() {
        log.close();
    }

    private UpdateReport runOxr(UpdateMode mode) {
        UpdaterSettings settings = settings().withProvider("OXR").withOxr(server.rootUrl() + "/api", () -> KEY);
        return new UpdateRunner(dataSource, settings).run(mode);
    }

    @Test
    void latestRatesAreStoredUnderTheirOwnProvider() {
        server.on("/api/latest.json", Reply.ok("application/json; charset=utf-8", bytes("oxr/latest.json")));

        UpdateReport report = runOxr(UpdateMode.DAILY);

        assertTrue(report.succeeded(), report.toJson());
        assertEquals("app_id=" + KEY, server.lastQuery("/api/latest.json"));
        // EUR, GBP, JPY; the base (USD) and the non-ISO codes (BTC, XAU) are not stored.
        assertEquals(3, report.inserted());
        assertEquals("0.888731", db.rateText("OXR", "2025-05-09", "EUR"));
        assertNull(db.rateText("OXR", "2025-05-09", "USD"));
        assertEquals("1", db.rows("SELECT data_version::text FROM provider WHERE code = 'OXR'").getFirst());
        assertEquals("0", db.rows("SELECT data_version::text FROM provider WHERE code = 'ECB'").getFirst());
        assertFalse(log.text().contains(KEY), "the key must never be logged");
    }

    @Test
    void aRejectedKeyFailsWithoutRetryAndWithoutShowingTheKey() {
        server.on("/api/latest.json", new Reply(401, "application/json",
                "{\"error\":true,\"status\":401,\"message\":\"invalid_app_id\"}".getBytes(), java.util.Map.of(), 0));

        UpdateReport report = runOxr(UpdateMode.DAILY);

        assertFalse(report.succeeded());
        assertTrue(report.error().contains("HTTP 401 (not retried)"), report.error());
        assertFalse(report.error().contains(KEY), report.error());
        assertFalse(log.text().contains(KEY));
        assertFalse(db.lastRun().get("error").contains(KEY));
        assertEquals(1, server.hits("/api/latest.json"));
    }

    @Test
    void noKeyIsAClearFailure() {
        UpdaterSettings settings = settings().withProvider("OXR").withOxr(server.rootUrl() + "/api", () -> null);
        UpdateReport report = new UpdateRunner(dataSource, settings).run(UpdateMode.DAILY);
        assertFalse(report.succeeded());
        assertTrue(report.error().contains("FXRATES_OXR_APP_ID"), report.error());
    }

    @Test
    void theFullHistoryIsNotOffered() {
        UpdateReport report = runOxr(UpdateMode.HISTORY);
        assertFalse(report.succeeded());
        assertTrue(report.error().contains("full history is not supported"), report.error());
    }

    /** Serves each of the 90 documents of a 90d run (their dates as OXR would stamp them), each after {@code delayMillis}. */
    private void serveNinetyDays(long delayMillis) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 90; i++) {
            java.time.LocalDate day = today.minusDays(i);
            long timestamp = day.atTime(12, 0).toEpochSecond(java.time.ZoneOffset.UTC);
            byte[] body = ("{\"timestamp\":" + timestamp + ",\"base\":\"USD\",\"rates\":{\"EUR\":0.9" + (i % 10)
                    + ",\"GBP\":0.7" + (i % 10) + "}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String path = i == 0 ? "/api/latest.json" : "/api/historical/" + day + ".json";
            server.on(path, Reply.ok("application/json", body).delayed(delayMillis));
        }
    }

    @Test
    void ninetyDaysAreNinetyDocumentsInOneRun() {
        serveNinetyDays(0);
        UpdateReport report = runOxr(UpdateMode.NINETY_DAYS);
        assertTrue(report.succeeded(), report.toJson());
        assertEquals(180, report.inserted());
        assertEquals(90, report.fetchAttempts());
    }

    @Test
    void oneDeadlineBoundsTheWholeRunHoweverManyDocumentsItFetches() {
        // 90 documents of 250 ms each would take 22 s; the run has 2.5 s, of which 0.5 s are kept for the write.
        serveNinetyDays(250);
        UpdaterSettings settings = settings().withProvider("OXR").withOxr(server.rootUrl() + "/api", () -> KEY)
                .withTimeouts(java.time.Duration.ofMillis(2500), java.time.Duration.ofMillis(500));
        long started = System.nanoTime();
        UpdateReport report = new UpdateRunner(dataSource, settings).run(UpdateMode.NINETY_DAYS);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertFalse(report.succeeded());
        assertTrue(report.error().contains("deadline"), report.error());
        assertTrue(tookMs < 4000, "the run ended after " + tookMs + " ms");
        assertEquals("failed", db.lastRun().get("outcome"), "the audit row is closed");
        assertEquals(0L, db.count("SELECT count(*) FROM rate"));
    }
}
