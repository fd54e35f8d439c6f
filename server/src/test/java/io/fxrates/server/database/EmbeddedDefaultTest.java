package io.fxrates.server.database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.fxrates.server.FxRatesServer;
import io.fxrates.server.config.AppConfig;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command: no database configured, so the server starts its embedded
 * PostgreSQL, loads the ECB's history on first start (here from a local stand-in for the ECB),
 * and keeps it: a second start over the same data directory serves the rates without loading.
 */
class EmbeddedDefaultTest {

    @Test
    void firstStartLoadsTheHistoryAndTheDataSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("fxrates-embedded").resolve("postgres");
        Path connectionFile = dataDir.resolveSibling("embedded-db.env");
        AtomicInteger downloads = new AtomicInteger();
        HttpServer ecb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] zip = historyZip();
        ecb.createContext("/eurofxref-hist.zip", exchange -> {
            downloads.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, zip.length);
            exchange.getResponseBody().write(zip);
            exchange.close();
        });
        ecb.start();
        Map<String, String> config = Map.of(
                "server.port", "0",
                "fxrates.database.embedded.data-dir", dataDir.toString(),
                "fxrates.first-start-load.ecb-base-url", "http://127.0.0.1:" + ecb.getAddress().getPort());
        try {
            try (FxRatesServer server = FxRatesServer.start(AppConfig.load(Map.of(), config))) {
                HttpResponse<String> latest = waitForRates(server);
                assertTrue(latest.body().contains("\"date\":\"2025-05-09\""), latest.body());
                assertTrue(latest.body().contains("\"USD\":1.1252"), latest.body());
                assertTrue(Files.readString(connectionFile).contains("FXRATES_DB_URL=" + server.embeddedJdbcUrl().orElseThrow()),
                        "scripts/update-local finds the running server's database here");
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(connectionFile)));
                try (var c = java.sql.DriverManager.getConnection(server.embeddedJdbcUrl().orElseThrow(), "postgres", "");
                     var s = c.createStatement()) {
                    for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                        try (var r = s.executeQuery("SHOW " + setting)) {
                            r.next();
                            assertEquals("on", r.getString(1), setting + ": the local data must survive a crash");
                        }
                    }
                }
            }
            assertTrue(Files.notExists(connectionFile), "removed when the server stops");
            ecb.stop(0);
            try (FxRatesServer again = FxRatesServer.start(AppConfig.load(Map.of(), config))) {
                HttpResponse<String> latest = get(again, "/v1/latest?symbols=USD");
                assertEquals(200, latest.statusCode(), latest.body());
                assertTrue(latest.body().contains("\"USD\":1.1252"));
            }
            assertEquals(1, downloads.get(), "the second start found its rates and loaded nothing");
        } finally {
            ecb.stop(0);
        }
    }

    @Test
    void aFirstStartLoadStillRunningStopsWithTheServer() throws Exception {
        Path dataDir = Files.createTempDirectory("fxrates-embedded-stop").resolve("postgres");
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        HttpServer ecb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ecb.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        ecb.createContext("/eurofxref-hist.zip", exchange -> {
            // A mirror that never answers: the load waits on its read time-out (a minute).
            asked.countDown();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        ecb.start();
        try {
            FxRatesServer server = FxRatesServer.start(AppConfig.load(Map.of(), Map.of(
                    "server.port", "0",
                    "fxrates.database.embedded.data-dir", dataDir.toString(),
                    "fxrates.first-start-load.ecb-base-url", "http://127.0.0.1:" + ecb.getAddress().getPort())));
            assertTrue(asked.await(30, java.util.concurrent.TimeUnit.SECONDS), "the load asked the mirror");
            long started = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the server stopped in " + took);
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("fxrates-first-start-load") && t.isAlive()), "the load's thread is gone");
        } finally {
            ecb.stop(0);
        }
    }

    private static HttpResponse<String> waitForRates(FxRatesServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = get(server, "/v1/latest?symbols=USD");
            if (response.statusCode() == 200) {
                return response;
            }
            assertEquals(503, response.statusCode(), "before the load commits: " + response.body());
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no rates after 60 s: " + response.body());
    }

    private static HttpResponse<String> get(FxRatesServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sample fixture in the layout of the ECB's eurofxref-hist.csv, zipped as the ECB serves it. */
    private static byte[] historyZip() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = EmbeddedDefaultTest.class.getResourceAsStream("/fixtures/ecb-sample.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.startsWith("date,") ? "Date" + line.substring(4) + "," : line + ",");
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("eurofxref-hist.csv"));
            zip.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
