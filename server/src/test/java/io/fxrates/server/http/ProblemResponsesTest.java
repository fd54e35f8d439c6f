package io.fxrates.server.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;

import io.fxrates.testing.LogCapture;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures are classified once: a database that cannot answer gives 503 with Retry-After and a
 * warning without a stack trace; any other failure a 500 whose stack trace is logged, never sent.
 */
class ProblemResponsesTest {

    private static WebServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        HttpRouting.Builder routing = HttpRouting.builder()
                .get("/outage", (req, res) -> {
                    throw new IllegalStateException("query failed", new SQLException("terminating connection", "57P01"));
                })
                .get("/bug", (req, res) -> {
                    throw new IllegalStateException("query failed", new SQLException("relation \"rate\" does not exist", "42P01"));
                })
                .get("/npe", (req, res) -> {
                    throw new NullPointerException("a bug of ours");
                });
        ProblemResponses.register(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOutageIs503WithRetryAfterAndNoStackTraceInTheLog() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            HttpResponse<String> response = get("/outage");
            assertEquals(503, response.statusCode());
            assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
            assertTrue(response.body().contains("\"type\":\"https://fxrates.dev/problems/database-unavailable\""), response.body());
            assertTrue(log.text().contains("\"level\":\"WARN\"") && log.text().contains("Database unavailable for GET /outage"), log.text());
            assertFalse(log.text().contains("stack_trace"), log.text());
        }
    }

    @Test
    void anyOtherDatabaseFailureIs500WithItsStackTraceLoggedNotSent() throws Exception {
        for (String path : new String[] {"/bug", "/npe"}) {
            try (LogCapture log = LogCapture.start()) {
                HttpResponse<String> response = get(path);
                assertEquals(500, response.statusCode(), path);
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                assertTrue(response.body().contains("internal-error"), response.body());
                assertTrue(response.headers().firstValue("Retry-After").isEmpty());
                assertFalse(response.body().contains("Exception") || response.body().contains("at io.fxrates"), response.body());
                assertTrue(log.text().contains("\"level\":\"ERROR\"") && log.text().contains("\"stack_trace\""), log.text());
            }
        }
    }
}
