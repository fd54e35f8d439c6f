package io.fxrates.server.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import io.fxrates.embedded.EmbeddedDatabase;
import io.fxrates.schema.SchemaMigrations;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that goes away answers 503 problems quickly, never a hang or a 500. */
class DatabaseDownTest {

    @Test
    void anUnreachableDatabaseAnswers503WithinBoundedTime() throws IOException {
        EmbeddedDatabase postgres = EmbeddedDatabase.start(Files.createTempDirectory("fxrates-down-pg"),
                EmbeddedDatabase.Durability.THROWAWAY);
        SchemaMigrations.apply(postgres.dataSource("postgres"));
        try (var c = postgres.dataSource("postgres").getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO rate VALUES ('ECB', '2025-05-09', 'USD', 1.1252), ('ECB', '2025-05-09', 'JPY', 163.36)");
            s.execute("UPDATE provider SET data_version = 1, fetched_at = now(), changed_at = now()");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = postgres.jdbcUrl("postgres");
        try (TestServer server = TestServer.start(url, Map.of("fxrates.database.connection-timeout", "PT1S"))) {
            assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode());
            postgres.close();

            long start = System.nanoTime();
            HttpResponse<String> response = server.get("/v1/2025-05-09?base=USD");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(response.body().contains("database-unavailable"), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered in " + took);

            assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode(),
                    "answers already built are still served from the cache while the database is away");

            HttpResponse<String> ready = server.get("/observe/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals(200, server.get("/observe/health/live").statusCode());
        }
    }
}
