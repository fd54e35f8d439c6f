package io.fxrates.server.rates;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A correction to an old date reaches clients: cached answers and ETags follow the data version. */
class DataVersionTest {

    @Test
    void aCorrectionChangesTheAnswerAndItsEtag() throws Exception {
        TestDatabase.createDatabase("corrected");
        TestDatabase.loadEcbCsv("corrected", "/fixtures/ecb-sample.csv");
        try (TestServer server = TestServer.start(TestDatabase.url("corrected"), Map.of())) {
            HttpResponse<String> before = server.get("/v1/2019-12-31?symbols=USD");
            assertTrue(before.body().contains("\"USD\":1.1234"), before.body());
            String etag = before.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, server.get("/v1/2019-12-31?symbols=USD", "If-None-Match", etag).statusCode());

            TestDatabase.update("corrected", "UPDATE rate SET rate = 1.1235 WHERE provider = 'ECB' "
                    + "AND rate_date = '2019-12-31' AND currency = 'USD'");

            HttpResponse<String> after = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                after = server.get("/v1/2019-12-31?symbols=USD", "If-None-Match", etag);
                if (after.statusCode() == 200) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(200, after.statusCode(), "the old ETag no longer matches");
            assertTrue(after.body().contains("\"USD\":1.1235"), after.body());
            assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        }
    }
}
