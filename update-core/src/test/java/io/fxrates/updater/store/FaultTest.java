package io.fxrates.updater.store;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import static io.fxrates.testing.Fixtures.bytes;
import static io.fxrates.testing.Fixtures.historyZip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every fault leaves the database exactly as it was (rates, corrections, provider versions) and
 * records a failed run that says why; retryable faults followed by success still succeed.
 */
class FaultTest extends UpdaterTestBase {
    private static final String DAILY = "eurofxref-daily.xml";
    private String before;

    @BeforeEach
    void seed() {
        // A database with data in it, so that "untouched" means something.
        server.on(DAILY, Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        server.on("eurofxref-hist-90d.xml", Reply.xml(bytes("ecb/eurofxref-hist-90d.xml")));
        assertTrue(run(UpdateMode.DAILY).succeeded());
        assertTrue(run(UpdateMode.NINETY_DAYS).succeeded());
        server.reset();
        before = db.snapshot();
    }

    static Stream<Arguments> faults() {
        String futureDay = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1).toString();
        byte[] future = new String(bytes("ecb/eurofxref-daily.xml")).replace("2025-05-09", futureDay).getBytes();
        byte[] corrected = new String(bytes("ecb/eurofxref-daily.xml")).replace("'1.1252'", "'1.2000'").getBytes();
        return Stream.of(
                arguments("truncated XML", UpdateMode.DAILY, new Reply[] {Reply.xml(bytes("ecb/truncated.xml"))},
                        "malformed XML", 1),
                arguments("negative rate", UpdateMode.DAILY, new Reply[] {Reply.xml(bytes("ecb/negative-rate.xml"))},
                        "rate of USD on 2025-05-09 is -1.1252, not positive", 1),
                arguments("unknown currency", UpdateMode.DAILY, new Reply[] {Reply.xml(bytes("ecb/unknown-currency.xml"))},
                        "unknown currency code 'XYZ' on 2025-05-09", 1),
                arguments("two rates for one currency and date", UpdateMode.DAILY,
                        new Reply[] {Reply.xml(bytes("ecb/duplicate-currency.xml"))}, "more than one rate for USD on 2025-05-09", 1),
                arguments("a rate that is not a number", UpdateMode.DAILY, new Reply[] {Reply.xml(bytes("ecb/not-a-number.xml"))},
                        "the rate of GBP on 2025-05-09 is 'zero', not a number", 1),
                arguments("a date in the future", UpdateMode.DAILY, new Reply[] {Reply.xml(future)}, "in the future", 1),
                arguments("a feed without rates", UpdateMode.DAILY, new Reply[] {Reply.xml(bytes("ecb/no-rates.xml"))},
                        "the feed holds no rates", 1),
                arguments("an empty body", UpdateMode.DAILY, new Reply[] {Reply.xml(new byte[0])}, "empty body", 1),
                arguments("the wrong content type", UpdateMode.DAILY,
                        new Reply[] {Reply.ok("text/html", "<html>maintenance</html>".getBytes())}, "content type 'text/html'", 1),
                arguments("a 404 is not retried", UpdateMode.DAILY, new Reply[] {Reply.status(404)}, "HTTP 404 (not retried)", 1),
                arguments("500 on every attempt", UpdateMode.DAILY, new Reply[] {Reply.status(500)}, "HTTP 500", 3),
                arguments("503 then a truncated document", UpdateMode.DAILY,
                        new Reply[] {Reply.status(503), Reply.xml(bytes("ecb/truncated.xml"))}, "malformed XML", 2),
                arguments("a timeout on every attempt", UpdateMode.DAILY,
                        new Reply[] {Reply.xml(bytes("ecb/eurofxref-daily.xml")).delayed(2500)}, "timed out", 3),
                arguments("a corrupt history zip", UpdateMode.HISTORY,
                        new Reply[] {Reply.zip("PK\u0003\u0004garbage".getBytes())}, "zip", 1),
                arguments("a history zip without the CSV", UpdateMode.HISTORY,
                        new Reply[] {Reply.zip(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})},
                        "not a zip archive", 1),
                arguments("a correction in a document that also has a bad value", UpdateMode.DAILY,
                        new Reply[] {Reply.xml(new String(corrected).replace("currency='GBP'", "currency='XYZ'").getBytes())},
                        "unknown currency code 'XYZ'", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFaultLeavesTheDatabaseUntouchedAndIsRecorded(String name, UpdateMode mode, Reply[] replies, String why, int attempts) {
        server.on(mode == UpdateMode.HISTORY ? "eurofxref-hist.zip" : DAILY, replies);

        UpdateReport report = run(mode);

        assertFalse(report.succeeded(), name);
        assertTrue(report.error().contains(why), "error should contain '" + why + "': " + report.error());
        assertEquals(before, db.snapshot(), "a failed run must leave the database as it was");
        Map<String, String> audit = db.lastRun();
        assertEquals("failed", audit.get("outcome"));
        assertEquals(mode.value(), audit.get("mode"));
        assertEquals(report.error(), audit.get("error"));
        assertEquals(String.valueOf(attempts), audit.get("fetch_attempts"));
        assertEquals("0", audit.get("rows_inserted"));
        assertEquals(attempts, report.fetchAttempts());
    }

    @Test
    void a500ThenSuccessSucceeds() {
        server.on(DAILY, Reply.status(500), Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        UpdateReport report = run(UpdateMode.DAILY);
        assertTrue(report.succeeded(), report.toJson());
        assertEquals(2, report.fetchAttempts());
        assertEquals(9, report.unchanged());
        assertEquals("2", db.lastRun().get("fetch_attempts"));
        assertEquals(2, server.hits(DAILY));
    }

    @Test
    void aTimeoutThenSuccessSucceeds() {
        server.on(DAILY, Reply.xml(bytes("ecb/eurofxref-daily.xml")).delayed(2500), Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        UpdateReport report = run(UpdateMode.DAILY);
        assertTrue(report.succeeded(), report.toJson());
        assertEquals(2, report.fetchAttempts());
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        server.on(DAILY, Reply.tooManyRequests(1), Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        long start = System.nanoTime();
        UpdateReport report = run(UpdateMode.DAILY);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(report.succeeded(), report.toJson());
        assertEquals(2, report.fetchAttempts());
        // The test backoff is 10-40 ms: only Retry-After explains a wait of a second.
        assertTrue(waitedMs >= 1000, "waited " + waitedMs + " ms, Retry-After asked for 1000");
        assertTrue(waitedMs < 5000, "waited " + waitedMs + " ms");
    }

    @Test
    void aRetryAfterBeyondTheBudgetFailsAtOnce() {
        server.on(DAILY, Reply.tooManyRequests(3600));
        long start = System.nanoTime();
        UpdateReport report = run(UpdateMode.DAILY);
        assertFalse(report.succeeded());
        assertTrue(report.error().contains("beyond the remaining retry budget"), report.error());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
        assertEquals(1, server.hits(DAILY));
        assertEquals(before, db.snapshot());
    }

    @Test
    void aDatabaseFailureMidWriteRollsEverythingBack() throws Exception {
        // The last statement of the transaction fails: the rates inserted before it must go too.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
                    $$ BEGIN RAISE EXCEPTION 'provider is read-only in this test'; END $$""");
            s.execute("CREATE TRIGGER refuse BEFORE UPDATE ON provider FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
        try {
            server.on("eurofxref-hist.zip", Reply.zip(historyZip(bytes("ecb/eurofxref-hist.csv"))));
            UpdateReport report = run(UpdateMode.HISTORY);
            assertFalse(report.succeeded());
            assertTrue(report.error().contains("provider is read-only in this test"), report.error());
            assertEquals(before, db.snapshot());
            assertEquals("failed", db.lastRun().get("outcome"));
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER refuse ON provider");
                s.execute("DROP FUNCTION refuse()");
            }
        }
    }
}
