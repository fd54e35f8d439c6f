package io.fxrates.server.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import io.fxrates.server.support.RawHttp;
import io.fxrates.server.support.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every class of bad input answers an RFC 9457 problem with the right 4xx, never a 5xx. */
class BadInputTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // currencies
                Arguments.of("/v1/latest?base=XYZ", 404, "unknown-currency", "not an ISO 4217 currency"),
                Arguments.of("/v1/latest?base=NAD", 404, "unknown-currency", "does not quote"),
                Arguments.of("/v1/latest?symbols=USD,XXQ", 404, "unknown-currency", "XXQ"),
                Arguments.of("/v1/latest?base=US", 400, "invalid-currency", "three letters"),
                Arguments.of("/v1/latest?base=US1", 400, "invalid-currency", "three letters"),
                Arguments.of("/v1/latest?symbols=USD,,GBP", 400, "invalid-currency", "empty entry"),
                Arguments.of("/v1/latest?symbols=", 400, "invalid-currency", "empty entry"),
                Arguments.of("/v1/latest?base=USD&from=GBP", 400, "conflicting-parameters", "either base or from"),
                Arguments.of("/v1/latest?base=USD&base=GBP", 400, "repeated-parameter", "given 2 times"),
                // dates
                Arguments.of("/v1/2024-13-01", 400, "invalid-date", "does not exist"),
                Arguments.of("/v1/2023-02-29", 400, "invalid-date", "does not exist"),
                Arguments.of("/v1/2024-1-2", 400, "invalid-date", "YYYY-MM-DD"),
                Arguments.of("/v1/20240102", 400, "invalid-date", "YYYY-MM-DD"),
                Arguments.of("/v1/2999-02-30", 400, "invalid-date", "does not exist"),
                Arguments.of("/v1/1990-01-02", 404, "no-rates-for-date", "the series begins"),
                // ranges
                Arguments.of("/v1/2024-02-01..2024-01-01", 400, "start-after-end", "after the end date"),
                Arguments.of("/v1/2030-01-01..2030-12-31", 404, "no-rates-for-range", "they run from 2008-12-08"),
                Arguments.of("/v1/1990-01-01..1990-12-31", 404, "no-rates-for-range", "1990-01-01 to 1990-12-31"),
                Arguments.of("/v1/2024-01-01..2024-02-30", 400, "invalid-date", "does not exist"),
                Arguments.of("/v1/2024-01-01..2024-01-31..2024-02-01", 400, "invalid-range", "START..END"),
                Arguments.of("/v1/..2024-01-01", 400, "invalid-date", "not a date"),
                Arguments.of("/v1/1900-01-01..2024-01-01", 400, "range-too-long", "at most 20000"),
                Arguments.of("/v1/2024-01-01..2024-01-31?group=year", 400, "invalid-group", "day, week or month"),
                Arguments.of("/v1/2024-01-01..2024-01-31?format=xml", 400, "invalid-format", "json or csv"),
                Arguments.of("/v1/change/2024-02-01..2024-01-01", 400, "start-after-end", "after the end date"),
                Arguments.of("/v1/change/yesterday", 400, "invalid-range", "START..END"),
                // amounts
                Arguments.of("/v1/convert?from=USD&to=JPY", 400, "missing-parameter", "amount is required"),
                Arguments.of("/v1/convert?to=JPY&amount=1", 400, "missing-parameter", "from is required"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=0", 400, "invalid-amount", "greater than zero"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=-5", 400, "invalid-amount", "plain decimal"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=abc", 400, "invalid-amount", "plain decimal"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=1e9", 400, "invalid-amount", "exponents"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=NaN", 400, "invalid-amount", "plain decimal"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=99999999999999999999", 400, "invalid-amount", "larger than"),
                Arguments.of("/v1/latest?amount=1,5", 400, "invalid-amount", "plain decimal"),
                Arguments.of("/v1/convert?from=USD&to=JPY&amount=1&date=2024-02-30", 400, "invalid-date", "does not exist"),
                // paths
                Arguments.of("/v1/foo", 404, "unknown-path", "Try /v1/latest"),
                Arguments.of("/v1/latest/extra", 404, "unknown-path", "Try /v1/latest"),
                Arguments.of("/v1/2024-01-02/USD", 404, "unknown-path", "Try /v1/latest"),
                Arguments.of("/v1/currencies?all=maybe", 400, "invalid-flag", "true or false"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void answersAProblem(String path, int status, String type, String detailHint) {
        HttpResponse<String> response = server.get(path);
        assertEquals(status, response.statusCode(), path + " -> " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonObject problem = TestServer.parse(response.body());
        assertEquals("https://fxrates.dev/problems/" + type, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertTrue(problem.getString("detail").contains(detailHint), problem.getString("detail"));
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
        assertEquals(path.split("\\?")[0], problem.getString("instance"));
    }

    @Test
    void hostileInputIsNotEchoedRaw() {
        HttpResponse<String> response = server.get("/v1/latest?base=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertEquals(400, response.statusCode());
        JsonObject problem = TestServer.parse(response.body());
        assertTrue(problem.getString("detail").length() < 200, "long input is shortened");
    }

    @Test
    void malformedRequestLinesAreBadRequests() throws Exception {
        for (String target : new String[] {"/v1/latest?base=%ZZ", "/v1/%E0%A4%A", "/v1/latest?base=%00"}) {
            String response = RawHttp.get(server.port(), target);
            int status = Integer.parseInt(response.substring(9, 12));
            assertTrue(status >= 400 && status < 500, target + " -> " + response);
        }
    }

    @Test
    void writesAreNotAllowed() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/v1/latest"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(405, response.statusCode(), response.body());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> delete = server.send(HttpRequest.newBuilder(URI.create(server.uri("/v1/2024-01-02").toString())).DELETE());
        assertEquals(405, delete.statusCode());
    }

    @Test
    void hugeSymbolListsAreRefused() {
        String many = String.join(",", java.util.Collections.nCopies(300, "USD"));
        HttpResponse<String> response = server.get("/v1/latest?symbols=" + many);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("too-many-currencies"));
    }
}
