package io.fxrates.server.health;

import java.net.http.HttpResponse;

import io.fxrates.server.support.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health with the database and the data's freshness; Prometheus metrics; the OpenAPI document. */
class ObservabilityTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    @Test
    void readinessLooksAtTheRatesInMemoryAndSaysHowTheDatabaseIs() {
        HttpResponse<String> response = server.get("/observe/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = TestServer.parse(response.body());
        assertEquals("UP", health.getString("status"));
        var checks = health.getJsonArray("checks");
        String text = checks.toString();
        assertTrue(text.contains("\"name\":\"rates\""), text);
        assertTrue(text.contains("\"database\":\"reachable\""), text);
        assertTrue(text.contains("\"version\":1"), text);
        // Monday 14:00 in Frankfurt, before the 16:00 publication: Friday's rates are the newest expected.
        assertTrue(text.contains("\"newestDate\":\"2025-05-09\""), text);
        assertTrue(text.contains("\"businessDaysBehind\":0"), text);
        assertTrue(text.contains("\"status\":\"fresh\""), text);
        assertEquals(200, server.get("/observe/health/live").statusCode());
    }

    @Test
    void metricsInPrometheusTextWithBusinessFiguresAndPerEndpointLatency() {
        server.get("/v1/latest?symbols=USD");
        server.get("/v1/latest?symbols=USD");
        server.get("/v1/2999-01-01");
        HttpResponse<String> response = server.get("/observe/metrics", "Accept", "text/plain");
        assertEquals(200, response.statusCode());
        String text = response.body();
        for (String name : new String[] {"fxrates_rates_age_seconds", "fxrates_currencies_quoted", "fxrates_cache_hits",
                "fxrates_cache_misses", "fxrates_cache_bytes", "fxrates_cache_evictions", "fxrates_data_version",
                "fxrates_model_bytes", "fxrates_model_load_seconds", "fxrates_database_reachable{",
                "fxrates_http_requests_seconds_count{endpoint=\"latest\"", "endpoint=\"rates\""}) {
            assertTrue(text.contains(name), name + " missing from:\n" + text.lines().filter(l -> l.startsWith("fxrates"))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        assertTrue(text.contains("status=\"4xx\""), "errors are counted by status class");
        assertTrue(text.lines().anyMatch(l -> l.startsWith("fxrates_database_reachable") && l.endsWith(" 1.0")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("fxrates_currencies_quoted") && l.endsWith(" 8.0")),
                "7 currencies quoted on 2025-05-09 plus EUR");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        HttpResponse<String> response = server.get("/openapi", "Accept", "application/yaml");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("/v1/latest"), response.body());
        assertTrue(response.body().contains("/v1/convert"));
        assertTrue(response.body().contains("application/problem+json"));

        HttpResponse<String> json = server.get("/openapi", "Accept", "application/json");
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("3.0.3", TestServer.parse(json.body()).getString("openapi"));
    }
}
