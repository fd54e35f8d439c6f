package io.fxrates.server.http;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.fxrates.server.support.RawHttp;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Content negotiation (Accept, Accept-Encoding), validators and malformed requests. */
class NegotiationTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0];
    }

    @Test
    void aMalformedAcceptEncodingGetsAPlainAnswerNotAHang() {
        for (String value : new String[] {"gzip;x", "gzip;q=bogus", "gzip;q=", ";;;", ",", "gzip;q=2", "\u00e9"}) {
            HttpResponse<byte[]> response = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> server.getBytes("/v1/latest?symbols=USD", "Accept-Encoding", value));
            assertEquals(200, response.statusCode(), value);
            assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), value);
            assertTrue(new String(response.body()).contains("\"USD\":1.1252"), value);
        }
    }

    @Test
    void gzipIsSentExactlyWhenTheEtagSaysSo() {
        String[][] cases = {
                {"gzip", "gzip"}, {"GZIP", "gzip"}, {"*", "gzip"}, {"br, gzip;q=0.5", "gzip"},
                {"gzip;q=0", ""}, {"br;q=1, gzip;q=0", ""}, {"*;q=0", ""}, {"identity", ""}, {"deflate", ""}};
        for (String[] c : cases) {
            HttpResponse<byte[]> response = server.getBytes("/v1/latest?symbols=GBP", "Accept-Encoding", c[0]);
            String encoding = response.headers().firstValue("Content-Encoding").orElse("");
            String etag = response.headers().firstValue("ETag").orElseThrow();
            assertEquals(c[1], encoding, c[0]);
            assertEquals(!encoding.isEmpty(), etag.endsWith("-gzip\""), c[0] + " " + etag);
        }
    }

    @Test
    void ifNoneMatchReadsListsWithOrWithoutSpacesAndWeakTags() {
        String etag = server.get("/v1/latest?symbols=CHF").headers().firstValue("ETag").orElseThrow();
        for (String header : new String[] {etag, "\"x\"," + etag, "\"x\", " + etag, "W/" + etag, "\"a,b\", " + etag, "*"}) {
            assertEquals(304, server.get("/v1/latest?symbols=CHF", "If-None-Match", header).statusCode(), header);
        }
        assertEquals(200, server.get("/v1/latest?symbols=CHF", "If-None-Match", "\"x\", \"y\"").statusCode());
    }

    @Test
    void acceptQualityValuesChooseTheRepresentation() {
        assertEquals(406, server.get("/v1/2024-01-02?symbols=USD", "Accept", "text/csv;q=0").statusCode(),
                "nothing listed is acceptable");
        assertEquals("application/json", contentType(server.get("/v1/2024-01-02?symbols=USD", "Accept",
                "text/csv;q=0, */*;q=0.1")));
        assertEquals("application/json", contentType(server.get("/v1/2024-01-02?symbols=USD", "Accept",
                "application/json;q=1, text/csv;q=0.1")));
        assertEquals("application/json", contentType(server.get("/v1/2024-01-02?symbols=USD", "Accept", "*/*")));
        HttpResponse<String> csv = server.get("/v1/2024-01-02?symbols=USD,JPY", "Accept", "text/csv, application/json;q=0.5");
        assertEquals("text/csv", contentType(csv));
        assertEquals("date,base,quote,rate\n2024-01-02,EUR,JPY,155.68\n2024-01-02,EUR,USD,1.0956\n", csv.body());
        assertEquals(csv.body(), server.get("/v1/2024-01-02?symbols=USD,JPY&format=csv").body());
        HttpResponse<String> none = server.get("/v1/latest", "Accept", "image/png");
        assertEquals(406, none.statusCode(), none.body());
        assertEquals("application/problem+json", contentType(none));
        assertEquals(400, server.get("/v1/convert?from=USD&to=JPY&amount=1&format=csv").statusCode());
        assertEquals(400, server.get("/v1/latest?format=xml").statusCode());
    }

    @Test
    void requestsHelidonRejectsBeforeRoutingAreProblemsToo() throws Exception {
        for (String target : new String[] {"/v1/%", "/v1/%zz", "/v1/latest?base=U%", "/v1/latest?base=%ZZ"}) {
            String response = RawHttp.get(server.port(), target);
            assertTrue(response.startsWith("HTTP/1.1 400"), target + " -> " + response);
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), target + " -> " + response);
        }
        HttpResponse<String> tooLong = server.get("/v1/latest?symbols=" + "A".repeat(20_000));
        assertTrue(tooLong.statusCode() == 414 || tooLong.statusCode() == 400, String.valueOf(tooLong.statusCode()));
        assertEquals("application/problem+json", contentType(tooLong));
    }

    @Test
    void tinyValuesAreWrittenInPlainNotation() {
        HttpResponse<String> response = server.get("/v1/latest?amount=0.000000000001&symbols=JPY,IDR");
        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("E-"), response.body());
        assertTrue(response.body().contains("\"amount\":0.000000000001"), response.body());
        assertTrue(response.body().contains("\"IDR\":0.0000000186066"), response.body());
    }
}
