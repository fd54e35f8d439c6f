package io.fxrates.server.data;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import io.fxrates.embedded.EmbeddedDatabase;
import io.fxrates.schema.SchemaMigrations;
import io.fxrates.server.support.FrozenDatabase;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database that freezes (a partition, a failover) changes no answer: reads come from the rates
 * in memory, quickly, readiness stays up and says the database is unreachable; when it answers
 * again the server follows the data again. A database that does not answer at start leaves the
 * instance not ready, retrying, until it does.
 */
class DatabaseOutageTest {

    private static final Map<String, String> FAST = Map.of(
            "fxrates.database.connection-timeout", "PT1S",
            "fxrates.database.statement-timeout", "PT1S",
            "fxrates.data.poll-interval", "PT0.2S");

    private Path dataDirectory;
    private EmbeddedDatabase postgres;
    private boolean frozen;

    @BeforeEach
    void start() throws IOException, SQLException {
        dataDirectory = Files.createTempDirectory("fxrates-outage-pg");
        postgres = EmbeddedDatabase.start(dataDirectory, EmbeddedDatabase.Durability.THROWAWAY);
        SchemaMigrations.apply(postgres.dataSource("postgres"));
        sql("INSERT INTO rate VALUES ('ECB', '2025-05-08', 'USD', 1.1297), ('ECB', '2025-05-08', 'JPY', 163.45),"
                + " ('ECB', '2025-05-09', 'USD', 1.1252), ('ECB', '2025-05-09', 'JPY', 163.36)",
                "UPDATE provider SET data_version = 1, fetched_at = now(), changed_at = now() WHERE code = 'ECB'");
    }

    @AfterEach
    void stop() {
        if (frozen) {
            FrozenDatabase.thaw(dataDirectory);
        }
        postgres.close();
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static HttpResponse<String> waitFor(TestServer server, String path, Predicate<HttpResponse<String>> until,
                                                Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> response;
        do {
            response = server.get(path);
            if (until.test(response)) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " after " + limit + ": " + response.statusCode() + " " + response.body());
    }

    @Test
    void aFrozenDatabaseChangesNoAnswerAndTheServerFollowsTheDataWhenItIsBack() throws Exception {
        try (TestServer server = TestServer.start(postgres.jdbcUrl("postgres"), FAST)) {
            assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode());

            FrozenDatabase.freeze(dataDirectory);
            frozen = true;
            HttpResponse<String> ready = waitFor(server, "/observe/health/ready",
                    r -> r.body().contains("\"database\":\"unreachable\""), Duration.ofSeconds(15));
            assertEquals(200, ready.statusCode(), "the rates in memory are fresh: still ready. " + ready.body());
            assertTrue(ready.body().contains("databaseUnreachableSince"), ready.body());

            // Questions never asked before, all answered from memory, each well within a second.
            for (String path : new String[] {"/v1/2025-05-08?base=USD", "/v1/2025-05-01..2025-05-09?symbols=JPY&format=csv",
                    "/v1/convert?from=JPY&to=USD&amount=1000", "/v1/change/2025-05-08..2025-05-09", "/v1/currencies?detail=true",
                    "/", "/history?base=USD&quote=JPY&range=1m", "/currencies"}) {
                long started = System.nanoTime();
                HttpResponse<String> response = server.get(path);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, response.statusCode(), path + ": " + response.body());
                assertTrue(tookMs < 1000, path + " took " + tookMs + " ms");
            }
            assertTrue(server.get("/v1/2025-05-08?base=USD").body().contains("\"JPY\":144.684"));
            assertEquals(200, server.get("/observe/health/live").statusCode());
            String metrics = server.get("/observe/metrics", "Accept", "text/plain").body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("fxrates_database_reachable") && l.endsWith("} 0.0")), metrics);

            FrozenDatabase.thaw(dataDirectory);
            frozen = false;
            waitFor(server, "/observe/health/ready", r -> r.body().contains("\"database\":\"reachable\""), Duration.ofSeconds(40));
            sql("INSERT INTO rate VALUES ('ECB', '2025-05-12', 'USD', 1.1090)",
                    "UPDATE provider SET data_version = 2, changed_at = now() WHERE code = 'ECB'");
            HttpResponse<String> latest = waitFor(server, "/v1/latest?symbols=USD", r -> r.body().contains("2025-05-12"),
                    Duration.ofSeconds(10));
            assertTrue(latest.body().contains("\"USD\":1.1090"), latest.body());
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerAtStartLeavesTheInstanceNotReadyUntilItDoes() throws Exception {
        FrozenDatabase.freeze(dataDirectory);
        frozen = true;
        Map<String, String> config = new java.util.HashMap<>(FAST);
        config.put("fxrates.data.startup-wait", "PT1S");
        long started = System.nanoTime();
        try (TestServer server = TestServer.start(postgres.jdbcUrl("postgres"), config)) {
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
                    "the server starts and serves, not ready, instead of waiting or exiting");
            HttpResponse<String> ready = server.get("/observe/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("not loaded yet"), ready.body());
            HttpResponse<String> latest = server.get("/v1/latest");
            assertEquals(503, latest.statusCode());
            assertTrue(latest.body().contains("rates-not-loaded"), latest.body());
            assertTrue(latest.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, server.get("/observe/health/live").statusCode(), "alive: retrying, not broken");

            FrozenDatabase.thaw(dataDirectory);
            frozen = false;
            waitFor(server, "/observe/health/ready", r -> r.statusCode() == 200, Duration.ofSeconds(60));
            assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode());
        }
    }
}
