package io.fxrates.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.fxrates.server.FxRatesServer;
import io.fxrates.server.config.AppConfig;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The real server, on a free loopback port, over a test database. "Today" is fixed at
 * {@link #TODAY} so that answers about the latest rates and future dates do not drift.
 */
public final class TestServer implements AutoCloseable {

    /** Monday 2025-05-12, 12:00 UTC: the fixtures' newest date is the Friday before. */
    public static final Instant TODAY = Instant.parse("2025-05-12T12:00:00Z");

    private static TestServer sample;

    private final FxRatesServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(FxRatesServer server) {
        this.server = server;
    }

    /** A server over the sample ECB fixture, shared by the read-only tests. */
    public static synchronized TestServer sample() {
        if (sample == null) {
            TestDatabase.createDatabase("sample");
            TestDatabase.loadEcbCsv("sample", "/fixtures/ecb-sample.csv");
            sample = start(TestDatabase.url("sample"), Map.of());
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(sample::close));
        }
        return sample;
    }

    /** A server of its own over the database at {@code jdbcUrl}, with extra configuration. */
    public static TestServer start(String jdbcUrl, Map<String, String> overrides) {
        return start(jdbcUrl, overrides, TODAY);
    }

    /** As {@link #start(String, Map)}, with the clock stopped at {@code now} instead of {@link #TODAY}. */
    public static TestServer start(String jdbcUrl, Map<String, String> overrides, Instant now) {
        Map<String, String> config = new HashMap<>();
        config.put("server.port", "0");
        config.put("server.host", "127.0.0.1");
        config.put("fxrates.database.url", jdbcUrl);
        config.put("fxrates.database.user", "postgres");
        config.put("fxrates.database.password", "");
        config.putAll(overrides);
        return new TestServer(FxRatesServer.start(AppConfig.load(Map.of(), config), Clock.fixed(now, ZoneOffset.UTC)));
    }

    public int port() {
        return server.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** GET with extra headers (name, value, name, value, ...). */
    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed: " + e, e);
        }
        OpenApiValidation.check("GET", uri(pathAndQuery), response, response.body());
        return response;
    }

    /** Any request, for methods other than GET. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        OpenApiValidation.check(built.method(), built.uri(), response, response.body());
        return response;
    }

    public HttpResponse<byte[]> getBytes(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
        OpenApiValidation.check("GET", uri(pathAndQuery), response, new String(gzip ? gunzip(response.body()) : response.body(),
                java.nio.charset.StandardCharsets.UTF_8));
        return response;
    }

    private static byte[] gunzip(byte[] body) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GET, expecting 200 and a JSON object. */
    public JsonObject json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.createReader(new java.io.StringReader(response.body())).readObject();
    }

    public static JsonObject parse(String body) {
        return Json.createReader(new java.io.StringReader(body)).readObject();
    }

    @Override
    public void close() {
        server.close();
    }
}
