package io.fxrates.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ETags, 304s, freshness lifetimes, provenance and security headers. */
class HttpCachingTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    @Test
    void aStrongEtagAnswers304() {
        HttpResponse<String> first = server.get("/v1/latest?base=USD");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"ecb-") && etag.endsWith("\""), etag);
        HttpResponse<String> again = server.get("/v1/latest?base=USD", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> other = server.get("/v1/latest?base=GBP", "If-None-Match", etag);
        assertEquals(200, other.statusCode(), "another question has another ETag");
        assertNotEquals(etag, other.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void cachingLastsUntilTheNextExpectedPublication() {
        // Today is Monday 2025-05-12 12:00 UTC (14:00 in Frankfurt); the ECB publishes at 16:00 CET.
        HttpResponse<String> response = server.get("/v1/latest");
        assertEquals("public, max-age=7200", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("ECB", response.headers().firstValue("X-Rates-Provider").orElseThrow());
        assertTrue(response.headers().firstValue("X-Rates-Fetched-At").isPresent());
        assertTrue(response.headers().firstValue("Last-Modified").isPresent());
        assertTrue(response.headers().firstValue("Vary").orElseThrow().contains("Accept"));
    }

    @Test
    void problemsAreNotCached() {
        HttpResponse<String> response = server.get("/v1/1990-01-02");
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void pagesCarryTheDocumentHeadersAndApiAnswersTheApisOnes() {
        for (String path : new String[] {"/", "/nope", "/history?base=EUR&quote=USD"}) {
            HttpResponse<String> response = server.get(path);
            assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElseThrow(), path);
            assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), path);
        }
        for (String path : new String[] {"/v1/latest", "/v1/nope", "/v1/latest?base=XXX"}) {
            HttpResponse<String> response = server.get(path);
            assertTrue(response.headers().firstValue("Content-Security-Policy").isEmpty(), path + ": a document header on JSON");
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
            assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), path);
        }
    }

    @Test
    void csvBySuffixOrAcceptAndGzipWhenAccepted() throws IOException {
        HttpResponse<String> csv = server.get("/v1/2024-01-02..2024-01-04?symbols=USD,JPY&format=csv");
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv", csv.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertEquals("""
                date,base,quote,rate
                2024-01-02,EUR,JPY,155.68
                2024-01-02,EUR,USD,1.0956
                2024-01-03,EUR,JPY,156.16
                2024-01-03,EUR,USD,1.0919
                2024-01-04,EUR,JPY,157.91
                2024-01-04,EUR,USD,1.0953
                """, csv.body());
        HttpResponse<String> accepted = server.get("/v1/2024-01-02..2024-01-04?symbols=USD,JPY", "Accept", "text/csv");
        assertEquals(csv.body(), accepted.body());
        assertNotEquals(csv.headers().firstValue("ETag"), server.get("/v1/2024-01-02..2024-01-04?symbols=USD,JPY")
                .headers().firstValue("ETag"), "JSON and CSV are different representations");

        HttpResponse<byte[]> gzipped = server.getBytes("/v1/2024-01-02..2024-01-04?symbols=USD,JPY&format=csv",
                "Accept-Encoding", "gzip");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertEquals(csv.body(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void longRangesStreamTheWholeHistory() {
        HttpResponse<String> json = server.get("/v1/1999-01-04..?symbols=USD");
        assertEquals(200, json.statusCode());
        var body = TestServer.parse(json.body());
        assertEquals("2008-12-08", body.getString("start_date"));
        assertEquals("2025-05-09", body.getString("end_date"));
        assertEquals(20, body.getJsonObject("rates").size());
        HttpResponse<String> csv = server.get("/v1/1999-01-04..?format=csv");
        assertEquals(200, csv.statusCode());
        long lines = csv.body().lines().count();
        assertEquals(1 + 20 * 8 - 12, lines, "every published cell, one per line, plus the header");
        String etag = csv.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/v1/1999-01-04..?format=csv", "If-None-Match", etag).statusCode());
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        HttpResponse<String> get = server.get("/v1/latest?base=USD");
        HttpResponse<String> head = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/latest?base=USD"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
        assertEquals(200, server.send(java.net.http.HttpRequest.newBuilder(server.uri("/"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void theGzipRepresentationHasItsOwnStrongEtag() {
        String plain = server.get("/v1/latest?symbols=JPY").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> gzipped = server.getBytes("/v1/latest?symbols=JPY", "Accept-Encoding", "gzip");
        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(gzipEtag.endsWith("-gzip\"") && !gzipEtag.equals(plain), gzipEtag + " vs " + plain);
        assertEquals(304, server.getBytes("/v1/latest?symbols=JPY", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag)
                .statusCode());
        assertEquals(200, server.get("/v1/latest?symbols=JPY", "If-None-Match", gzipEtag).statusCode(),
                "the identity representation does not match the gzip one's validator");
    }

    @Test
    void anAnswerKeepsItsEtagAcrossMidnight() {
        // Tuesday's rates are not out before 16:00 CET: the same bytes before and after midnight UTC.
        String url = TestDatabase.url("sample");
        try (TestServer before = TestServer.start(url, Map.of(), Instant.parse("2025-05-12T23:59:59Z"));
             TestServer after = TestServer.start(url, Map.of(), Instant.parse("2025-05-13T00:00:01Z"))) {
            for (String question : List.of("/v1/latest", "/v1/latest?base=USD&symbols=GBP", "/v1/2025-05-01..", "/v1/2025-05-01..?format=csv")) {
                HttpResponse<String> one = before.get(question);
                HttpResponse<String> other = after.get(question);
                assertEquals(200, one.statusCode(), question);
                assertEquals(one.body(), other.body(), question);
                assertEquals(one.headers().firstValue("ETag").orElseThrow(), other.headers().firstValue("ETag").orElseThrow(), question);
                assertEquals(304, after.get(question, "If-None-Match", one.headers().firstValue("ETag").orElseThrow()).statusCode(), question);
            }
        }
    }
}
