package io.fxrates.server.ui;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages' HTML over plain HTTP: status, content type, headers, escaping, and that other routes are not shadowed. */
class UiPagesHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    private static HttpResponse<String> html(String path, int status) {
        HttpResponse<String> response = server.get(path);
        assertEquals(status, response.statusCode(), path + " answered: " + response.body());
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        assertTrue(type.startsWith("text/html"), path + " has content type " + type);
        assertTrue(type.toLowerCase().contains("charset=utf-8"), type);
        assertTrue(response.body().startsWith("<!DOCTYPE html>"), response.body());
        assertTrue(response.body().contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        return response;
    }

    @Test
    void everyPageIsHtmlWithTheCspAndNoScriptOrInlineStyle() {
        for (String path : new String[] {"/", "/?base=USD", "/convert", "/convert?from=USD&to=JPY&amount=100",
                "/history?base=EUR&quote=USD&range=max", "/currencies"}) {
            String body = html(path, 200).body();
            assertFalse(body.contains("<script"), path);
            assertFalse(body.contains("style="), path);
            assertFalse(body.contains("<style"), path);
        }
    }

    @Test
    void homeShowsTheApisFiguresForBaseUsd() {
        String body = html("/?base=USD", 200).body();
        assertTrue(body.contains("<tr id=\"rate-JPY\"><th scope=\"row\">JPY</th><td>Yen</td>")
                || body.contains("<tr id=\"rate-JPY\"><th scope=\"row\">JPY</th>"), body);
        assertTrue(body.contains("<data value=\"145.183\">145.183</data>"), body);
        assertTrue(body.contains("<data value=\"0.888731\">0.888731</data>"), "EUR per USD, as the API: " + body);
        assertTrue(body.contains("datetime=\"2025-05-09\""), body);
        assertTrue(body.contains("<strong id=\"provider\">ECB</strong>"), body);
    }

    @Test
    void everyFormFieldHasALabel() {
        for (String path : new String[] {"/", "/convert", "/history"}) {
            String body = html(path, 200).body();
            Matcher fields = Pattern.compile("<(?:input|select)(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"").matcher(body);
            int count = 0;
            while (fields.find()) {
                count++;
                assertTrue(body.contains("<label for=\"" + fields.group(1) + "\""), path + ": no label for " + fields.group(1));
            }
            assertTrue(count > 0, path);
        }
    }

    @Test
    void conversionKeepsTheApisDigits() {
        String body = html("/convert?from=USD&to=JPY&amount=100", 200).body();
        assertTrue(body.contains("<data value=\"14518.3\">14,518.3</data> JPY"), body);
        assertTrue(body.contains("<data value=\"145.183\">145.183</data>"), body);
        String api = server.get("/v1/convert?from=USD&to=JPY&amount=100").body();
        assertTrue(api.contains("14518.3"), api);
    }

    @Test
    void aHostileParameterIsRefusedWithAnEscapedHtmlPage() {
        String body = html("/?base=%3Cscript%3Ealert(1)%3C/script%3E", 400).body();
        assertFalse(body.contains("<script>"), body);
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body);
        assertTrue(body.contains("is not a currency code"), body);
        String history = html("/history?base=EUR&quote=%22%3E%3Csvg%20onload=x%3E", 400).body();
        assertFalse(history.contains("<svg onload"), history);
    }

    @Test
    void badInputIsA4xxHtmlPageWithAClearMessage() {
        assertTrue(html("/?base=XXX", 404).body().contains("not an ISO 4217 currency code"));
        assertTrue(html("/convert?from=USD&to=JPY&amount=-5", 400).body().contains("is not a plain decimal number"));
        assertTrue(html("/convert?from=USD&to=JPY&amount=abc", 400).body().contains("Invalid amount"));
        assertTrue(html("/convert?from=USD&to=JPY&amount=1&date=2031-01-01", 400).body().contains("in the future"));
        assertTrue(html("/convert?from=USD&to=RUB&amount=1", 422).body().contains("RUB has no rate on 2025-05-09"));
        assertTrue(html("/history?base=EUR&quote=USD&range=2w", 400).body().contains("is not one of 1m, 3m, 6m, 1y, 5y, max"));
        assertTrue(html("/history?base=USD&quote=USD", 400).body().contains("choose two different currencies"));
        assertTrue(html("/history?base=EUR&quote=USD&start=2025-05-01&end=2024-01-01", 400).body().contains("after the end date"));
    }

    @Test
    void unknownPagesAreHtml404sButTheApiAndOtherRoutesAreNotShadowed() {
        assertTrue(html("/nope", 404).body().contains("There is no page at /nope"));
        assertTrue(html("/a/b/c", 404).body().contains("Page not found"));
        HttpResponse<String> api = server.get("/v1/nope");
        assertEquals(404, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"), api.body());
        assertEquals(200, server.get("/v1/latest").statusCode());
        HttpResponse<String> openapi = server.get("/openapi");
        assertEquals(200, openapi.statusCode(), openapi.body());
        assertFalse(openapi.body().startsWith("<!DOCTYPE html>"));
        HttpResponse<String> health = server.get("/observe/health");
        assertFalse(health.body().startsWith("<!DOCTYPE html>"), health.body());
        HttpResponse<String> css = server.get("/static/fxrates.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        assertFalse(server.get("/static/missing.css").body().startsWith("<!DOCTYPE html>"));
    }

    @Test
    void historyDrawsThePairAndTheCurrencyListShowsNamesAndDates() {
        String body = html("/history?base=EUR&quote=USD&range=max", 200).body();
        Matcher points = Pattern.compile("<polyline class=\"series\" id=\"series\" fill=\"none\" points=\"([^\"]+)\"").matcher(body);
        assertTrue(points.find(), body);
        assertTrue(points.group(1).split(" ").length >= 2, points.group(1));
        assertTrue(body.contains("<title id=\"chart-title\">EUR to USD"), body);
        assertTrue(body.contains("1.1252"), body);
        String currencies = html("/currencies", 200).body();
        assertTrue(currencies.contains("US Dollar"), currencies);
        assertTrue(currencies.contains("<time datetime=\"2025-05-09\">2025-05-09</time>"), currencies);
        assertTrue(currencies.contains("id=\"currency-RUB\""), currencies);
    }
}
