package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.fxrates.updater.UpdateFailedException;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.testing.LogCapture;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.fxrates.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler invoked as Lambda invokes it: an EventBridge scheduled event deserialised by
 * aws-lambda-java-tests, a Context, the real X-Ray tracer (context-missing strategy IGNORE_ERROR,
 * set by the pom, so no daemon is needed), the database reached through a "Secrets Manager" secret.
 */
class ScheduledUpdateHandlerTest extends LambdaTestBase {
    private static final String DB_SECRET = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:fxrates-db";

    private final ByteArrayOutputStream emf = new ByteArrayOutputStream();

    private ScheduledUpdateHandler handler(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("FXRATES_DB_URL", jdbcUrl().replaceAll("[?&]user=[^&]*|[?&]password=[^&]*", ""));
        env.put("FXRATES_DB_SECRET_ARN", DB_SECRET);
        env.put("FXRATES_ECB_BASE_URL", server.baseUrl());
        env.put("FXRATES_RETRY_INITIAL_BACKOFF_MS", "10");
        env.put("FXRATES_RETRY_MAX_BACKOFF_MS", "40");
        env.put("FXRATES_HTTP_READ_TIMEOUT_MS", "2000");
        env.putAll(extra);
        SecretSource secrets = arn -> {
            if (arn.equals(DB_SECRET)) {
                return "{\"username\":\"postgres\",\"password\":\"postgres\",\"engine\":\"postgres\"}";
            }
            throw new IllegalArgumentException("no secret " + arn);
        };
        return new ScheduledUpdateHandler(env, e -> secrets, new XRayTracer(),
                new PrintStream(emf, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void aScheduledEventRunsTheDailyUpdate(ScheduledEvent event) {
        assertEquals("Scheduled Event", event.getDetailType());
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));

        Map<String, Object> result = handler(Map.of()).handleRequest(event, LambdaContexts.withRemaining(300_000));

        assertEquals("succeeded", result.get("outcome"));
        assertEquals("daily", result.get("mode"));
        assertEquals(9, result.get("inserted"));
        assertEquals(9L, db.count("SELECT count(*) FROM rate"));

        JsonObject line = Json.createReader(new StringReader(emf.toString(StandardCharsets.UTF_8).trim())).readObject();
        JsonObject directive = line.getJsonObject("_aws").getJsonArray("CloudWatchMetrics").getJsonObject(0);
        assertEquals("fxrates/updater", directive.getString("Namespace"));
        assertEquals("[[\"Provider\",\"Mode\"]]", directive.getJsonArray("Dimensions").toString());
        assertEquals("ECB", line.getString("Provider"));
        assertEquals(9, line.getInt("RatesWritten"));
        assertEquals(0, line.getInt("Corrections"));
        assertEquals(1, line.getInt("FetchAttempts"));
        assertEquals(0, line.getInt("RunFailed"));
        assertEquals("2025-05-09", line.getString("NewestRateDate"));
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event-90d.json", type = ScheduledEvent.class)
    void theEventsDetailCanAskForAnotherMode(ScheduledEvent event) {
        server.on("eurofxref-hist-90d.xml", Reply.xml(bytes("ecb/eurofxref-hist-90d.xml")));
        Map<String, Object> result = handler(Map.of()).handleRequest(event, LambdaContexts.withRemaining(300_000));
        assertEquals("90d", result.get("mode"));
        assertEquals(9, result.get("inserted"));
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void aFailedRunFailsTheInvocationAfterRecordingIt(ScheduledEvent event) {
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/negative-rate.xml")));
        UpdateFailedException e = assertThrows(UpdateFailedException.class,
                () -> handler(Map.of()).handleRequest(event, LambdaContexts.withRemaining(300_000)));
        assertTrue(e.getMessage().contains("not positive"), e.getMessage());
        assertEquals("failed", db.lastRun().get("outcome"));
        assertEquals(0L, db.count("SELECT count(*) FROM rate"));
        JsonObject line = Json.createReader(new StringReader(emf.toString(StandardCharsets.UTF_8).trim())).readObject();
        assertEquals(1, line.getInt("RunFailed"));
        assertEquals(0, line.getInt("RatesWritten"));
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void everyLogLineOfTheInvocationCarriesItsRequestAndTraceIds(ScheduledEvent event) {
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        try (LogCapture log = LogCapture.start()) {
            handler(Map.of()).handleRequest(event, LambdaContexts.withRemaining(300_000));
            java.util.List<JsonObject> lines = log.text().lines()
                    .map(line -> Json.createReader(new StringReader(line)).readObject())
                    .filter(line -> line.getString("logger").startsWith("io.fxrates"))
                    .toList();
            assertTrue(lines.size() >= 2, log.text());
            for (JsonObject line : lines) {
                assertEquals(LambdaContexts.REQUEST_ID, line.getString("request_id"), line.toString());
                assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.getString("trace_id"), line.toString());
            }
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }
    }

    @Test
    void theRuntimeConstructorNeedsNoAwsServiceAndRegistersForSnapshots() {
        // What Lambda (and SnapStart's snapshot) runs: plain configuration, no connection, no secret.
        ScheduledUpdateHandler handler = new ScheduledUpdateHandler();
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
        assertEquals(io.fxrates.updater.UpdateMode.DAILY, handler.modeOf(new ScheduledEvent()));
    }

    @Test
    void aMissingSecretFailsTheInvocationBeforeAnythingIsRecorded() {
        ScheduledEvent event = new ScheduledEvent();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handler(Map.of("FXRATES_DB_SECRET_ARN", "arn:aws:secretsmanager:eu-central-1:1:secret:missing"))
                        .handleRequest(event, LambdaContexts.withRemaining(300_000)));
        assertTrue(e.getMessage().contains("no secret"), e.getMessage());
        assertEquals(0L, db.count("SELECT count(*) FROM update_run"));
    }

    @Test
    void anUnknownModeInTheEventFailsClearly() {
        ScheduledEvent event = new ScheduledEvent().withDetail(Map.of("mode", "weekly"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handler(Map.of()).handleRequest(event, LambdaContexts.withRemaining(300_000)));
        assertTrue(e.getMessage().contains("unknown update mode 'weekly'"), e.getMessage());
    }

    @Test
    void theRunEndsWellInsideTheInvocation() {
        var settings = io.fxrates.updater.UpdaterSettings.defaults();
        var bounded = ScheduledUpdateHandler.boundedBy(settings, LambdaContexts.withRemaining(120_000));
        assertEquals(105_000, bounded.runTimeout().toMillis(), "120 s left, 15 s kept to record a failure");
        assertEquals(52_500, bounded.writeTimeout().toMillis(), "at most half of the run for the write");
        var roomy = ScheduledUpdateHandler.boundedBy(settings, LambdaContexts.withRemaining(900_000));
        assertEquals(settings.runTimeout(), roomy.runTimeout(), "15 minutes left: the configured 10 minutes stand");
        assertEquals(settings.writeTimeout(), roomy.writeTimeout());
    }
}
