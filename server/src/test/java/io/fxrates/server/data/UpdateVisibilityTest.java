package io.fxrates.server.data;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;
import io.fxrates.testing.FixtureServer;
import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.updater.provider.HttpSettings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updater's commit reaches a running server within a second: the real update run (fetch,
 * validate, write, NOTIFY) against the server's database, with the version poll set to a minute,
 * so that only the notification can explain what the server shows.
 */
class UpdateVisibilityTest {

    private static final String DAILY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
            <gesmes:subject>Reference rates</gesmes:subject>
            <Cube><Cube time='2025-05-12'><Cube currency='USD' rate='1.1090'/><Cube currency='JPY' rate='164.78'/></Cube></Cube>
            </gesmes:Envelope>""";

    @Test
    void anUpdateIsVisibleWithinASecondOfItsCommit() throws Exception {
        TestDatabase.createDatabase("visible");
        TestDatabase.loadEcbCsv("visible", "/fixtures/ecb-sample.csv");
        try (TestServer server = TestServer.start(TestDatabase.url("visible"), Map.of("fxrates.data.poll-interval", "PT60S"));
             FixtureServer ecb = new FixtureServer()) {
            assertTrue(server.json("/v1/latest?symbols=USD").getString("date").equals("2025-05-09"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!server.get("/observe/health/ready").body().contains("\"updates\":\"notified\"")) {
                assertTrue(System.nanoTime() < deadline, "the server listens for updates");
                Thread.sleep(50);
            }
            ecb.on("eurofxref-daily.xml", FixtureServer.Reply.xml(DAILY.getBytes(StandardCharsets.UTF_8)));
            UpdaterSettings settings = UpdaterSettings.fromEnvironment(Map.of("FXRATES_ECB_BASE_URL", ecb.baseUrl()))
                    .withHttp(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(10),
                            Duration.ofMillis(10), Duration.ofSeconds(10)));
            UpdateReport report = new UpdateRunner(TestDatabase.dataSource("visible"), settings).run(UpdateMode.DAILY);
            assertTrue(report.succeeded(), report.toJson());
            long committed = System.nanoTime();

            HttpResponse<String> latest;
            do {
                latest = server.get("/v1/latest?symbols=USD,JPY");
            } while (!latest.body().contains("2025-05-12") && System.nanoTime() - committed < Duration.ofSeconds(5).toNanos());
            long visibleMs = (System.nanoTime() - committed) / 1_000_000;
            System.out.println("UpdateVisibilityTest: the update was visible " + visibleMs + " ms after its commit");
            assertTrue(latest.body().contains("\"USD\":1.1090"), latest.body());
            assertTrue(visibleMs < 1000, "visible after " + visibleMs + " ms");
            assertEquals(200, latest.statusCode());
        }
    }
}
