package io.fxrates.server.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracing switched on by configuration sends Zipkin v2 spans to the configured collector. */
class TracingTest {

    @Test
    void requestsAreTracedToTheZipkinEndpointWhenEnabled() throws Exception {
        LinkedBlockingQueue<String> posts = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/api/v2/spans", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            posts.add(decode(body, encoding));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        collector.start();
        try {
            TestDatabase.createDatabase("traced");
            TestDatabase.loadEcbCsv("traced", "/fixtures/ecb-sample.csv");
            try (TestServer server = TestServer.start(TestDatabase.url("traced"), Map.of(
                    "tracing.enabled", "true",
                    "tracing.service", "fxrates-test",
                    "tracing.host", "127.0.0.1",
                    "tracing.port", String.valueOf(collector.getAddress().getPort())))) {
                assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode());
                String spans = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline) {
                    String post = posts.poll(500, TimeUnit.MILLISECONDS);
                    if (post != null && post.contains("/v1/latest")) {
                        spans = post;
                        break;
                    }
                    server.get("/v1/latest?symbols=USD");
                }
                assertNotNull(spans, "no span for /v1/latest reached the collector");
                assertTrue(spans.contains("\"serviceName\":\"fxrates-test\""), spans);
                assertTrue(spans.contains("\"traceId\""), spans);
            }
        } finally {
            collector.stop(0);
        }
    }

    private static String decode(byte[] body, String encoding) throws IOException {
        if (!"gzip".equalsIgnoreCase(encoding)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
