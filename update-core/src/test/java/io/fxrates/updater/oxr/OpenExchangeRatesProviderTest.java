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
}
