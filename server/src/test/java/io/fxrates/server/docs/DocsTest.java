package io.fxrates.server.docs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.fxrates.server.http.BuildInfo;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /docs over HTTP: the page, and Redoc's bundle served from the jar (the browser test renders it). */
class DocsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    @Test
    void thePageLoadsRedocFromThisServerAndPointsItAtTheServedDocument() {
        HttpResponse<String> page = server.get("/docs");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<redoc spec-url=\"/openapi\">"), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
        Matcher script = Pattern.compile("<script src=\"(/docs/redoc-[0-9.]+\\.standalone\\.js)\"></script>").matcher(page.body());
        assertTrue(script.find(), "the page names a bundle on this server: " + page.body());
        assertEquals("/docs/redoc-" + BuildInfo.current().redoc() + ".standalone.js", script.group(1));

        HttpResponse<byte[]> bundle = server.getBytes(script.group(1));
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertEquals("public, max-age=31536000, immutable", bundle.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(bundle.body().length > 500_000, "the whole standalone bundle: " + bundle.body().length + " bytes");
        assertTrue(new String(bundle.body(), 0, 4096, StandardCharsets.UTF_8).contains("Redoc"));
    }

    @Test
    void theBundleIsGzippedWhenTheClientAcceptsIt() throws IOException {
        String path = "/docs/redoc-" + BuildInfo.current().redoc() + ".standalone.js";
        byte[] plain = server.getBytes(path).body();
        HttpResponse<byte[]> gzipped = server.getBytes(path, "Accept-Encoding", "gzip, br");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(gzipped.body().length < plain.length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void anotherVersionOfTheBundleIsNotFound() {
        assertEquals(404, server.get("/docs/redoc-0.0.1.standalone.js").statusCode());
    }
}
