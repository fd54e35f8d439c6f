package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.net.http.HttpResponse;

import io.fxrates.server.support.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rates endpoints through the real server and PostgreSQL, over the sample ECB fixture. */
class RatesApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    private static BigDecimal rate(JsonObject body, String currency) {
        return body.getJsonObject("rates").getJsonNumber(currency).bigDecimalValue();
    }

    @Test
    void latestIsTheNewestDateWithPublishedRatesExactlyAsPublished() {
        HttpResponse<String> response = server.get("/v1/latest");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2025-05-09\",\"rates\":{"), response.body());
        JsonObject body = TestServer.parse(response.body());
        assertEquals(new BigDecimal("1.1252"), rate(body, "USD"));
        assertEquals(new BigDecimal("18606.59"), rate(body, "IDR"));
        assertFalse(body.getJsonObject("rates").containsKey("RUB"), "RUB was no longer quoted in 2025");
        assertFalse(body.getJsonObject("rates").containsKey("EUR"), "the base is not among its own rates");
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
    }

    @Test
    void crossRatesThroughTheProvidersBaseKeepSixSignificantDigits() {
        JsonObject body = server.json("/v1/latest?base=USD&symbols=GBP,JPY");
        assertEquals("USD", body.getString("base"));
        assertEquals("2025-05-09", body.getString("date"));
        assertEquals(new BigDecimal("0.753377"), rate(body, "GBP"));
        assertEquals(new BigDecimal("145.183"), rate(body, "JPY"));
        assertEquals(2, body.getJsonObject("rates").size());
    }

    @Test
    void frankfurterAliasesFromAndToWork() {
        assertEquals(server.json("/v1/latest?base=USD&symbols=GBP,JPY"), server.json("/v1/latest?from=USD&to=GBP,JPY"));
        assertEquals(server.json("/v1/latest?base=USD&symbols=GBP"), server.json("/v1/latest?from=usd&to=gbp"));
    }

    @Test
    void theProvidersBaseAppearsAmongCrossRatesAndBaseToItselfIsOne() {
        JsonObject body = server.json("/v1/latest?base=USD");
        assertEquals(new BigDecimal("0.888731"), rate(body, "EUR"));
        assertFalse(body.getJsonObject("rates").containsKey("USD"));
        JsonObject self = server.json("/v1/latest?base=USD&symbols=USD,EUR");
        assertEquals(BigDecimal.ONE, rate(self, "USD"));
    }

    @Test
    void tinyRatesKeepTheirMeaning() {
        JsonObject body = server.json("/v1/latest?base=IDR&symbols=EUR,JPY");
        assertEquals(new BigDecimal("0.0000537444"), rate(body, "EUR"));
        assertEquals(new BigDecimal("0.00877969"), rate(body, "JPY"));
    }

    @Test
    void amountMultipliesAndKeepsTheTargetsMinorUnitsForLargeAmounts() {
        JsonObject body = server.json("/v1/latest?from=USD&to=JPY&amount=1000000");
        assertEquals("1000000.0", body.getJsonNumber("amount").toString());
        assertEquals(new BigDecimal("145183079"), rate(body, "JPY"));
        JsonObject hundred = server.json("/v1/latest?from=USD&to=JPY&amount=100");
        assertEquals(new BigDecimal("14518.3"), rate(hundred, "JPY"));
        JsonObject euros = server.json("/v1/latest?symbols=USD&amount=10");
        assertEquals(new BigDecimal("11.252"), rate(euros, "USD"));
    }

    @Test
    void aDateAnswersItsOwnRates() {
        JsonObject body = server.json("/v1/2019-12-31");
        assertEquals("2019-12-31", body.getString("date"));
        assertEquals(new BigDecimal("1.1234"), rate(body, "USD"));
        assertEquals(new BigDecimal("69.9563"), rate(body, "RUB"));
    }

    @Test
    void aDateWithoutRatesAnswersTheLastBusinessDayBeforeIt() {
        assertEquals("2019-12-31", server.json("/v1/2020-01-01").getString("date"), "New Year's Day");
        assertEquals("2024-01-05", server.json("/v1/2024-01-06").getString("date"), "Saturday");
        assertEquals("2024-01-05", server.json("/v1/2024-01-07").getString("date"), "Sunday");
        assertEquals("2024-03-28", server.json("/v1/2024-03-29").getString("date"), "Good Friday");
        assertEquals("2024-03-28", server.json("/v1/2024-04-01").getString("date"), "Easter Monday");
        assertEquals("2025-05-09", server.json("/v1/2025-05-12").getString("date"), "today, before publication");
    }

    @Test
    void aCurrencyThatStopsAndComesBackIsQuotedAroundItsGap() {
        assertEquals(new BigDecimal("290"), rate(server.json("/v1/2008-12-09?symbols=ISK"), "ISK"));
        JsonObject inGap = server.json("/v1/2008-12-10?symbols=ISK,USD");
        assertFalse(inGap.getJsonObject("rates").containsKey("ISK"), "no ISK while it was not quoted");
        assertEquals(new BigDecimal("1.2925"), rate(inGap, "USD"));
        assertEquals(new BigDecimal("125.01"), rate(server.json("/v1/2018-02-01?symbols=ISK"), "ISK"));
        JsonObject series = server.json("/v1/2008-12-08..2018-02-01?symbols=ISK");
        JsonObject rates = series.getJsonObject("rates");
        assertTrue(rates.getJsonObject("2008-12-09").containsKey("ISK"));
        assertFalse(rates.containsKey("2008-12-10"), "a day without the one currency asked for is left out, not invented");
        assertTrue(rates.getJsonObject("2018-02-01").containsKey("ISK"));
    }

    @Test
    void anIskBaseInsideItsGapIsAClearError() {
        HttpResponse<String> response = server.get("/v1/2010-06-01?base=ISK");
        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("ISK has no rate on 2008-12-10"), response.body());
        JsonObject series = server.json("/v1/2008-12-08..2018-02-01?base=ISK&symbols=USD");
        assertEquals(3, series.getJsonObject("rates").size(), "days without an ISK rate are left out: " + series);
        assertEquals(new BigDecimal("0.0099664"), series.getJsonObject("rates").getJsonObject("2018-02-01")
                .getJsonNumber("USD").bigDecimalValue());
    }

    @Test
    void aRangeHasFrankfurtersShape() {
        JsonObject body = server.json("/v1/2024-01-01..2024-01-31?symbols=USD");
        assertEquals("EUR", body.getString("base"));
        assertEquals("2024-01-02", body.getString("start_date"),
                "the fixture has no rates in the days before New Year's Day, so the range starts on its first date");
        assertEquals("2024-01-08", body.getString("end_date"));
        assertEquals(5, body.getJsonObject("rates").size());
        assertEquals(new BigDecimal("1.0956"), body.getJsonObject("rates").getJsonObject("2024-01-02").getJsonNumber("USD").bigDecimalValue());
    }

    @Test
    void aRangeStartingOnAWeekendStartsFromTheFridayBefore() {
        JsonObject body = server.json("/v1/2024-01-06..2024-01-08?symbols=USD");
        assertEquals("2024-01-05", body.getString("start_date"));
        assertEquals(2, body.getJsonObject("rates").size());
    }

    @Test
    void anOpenRangeRunsToToday() {
        JsonObject body = server.json("/v1/2025-05-01..?symbols=USD");
        assertEquals("2025-05-09", body.getString("end_date"));
        assertEquals(2, body.getJsonObject("rates").size());
    }

    @Test
    void rangesGroupByWeekAndMonthOnTheLastPublishedDay() {
        JsonObject weeks = server.json("/v1/2024-01-02..2024-01-08?symbols=USD&group=week");
        assertEquals(2, weeks.getJsonObject("rates").size());
        assertTrue(weeks.getJsonObject("rates").containsKey("2024-01-05"));
        assertTrue(weeks.getJsonObject("rates").containsKey("2024-01-08"));
        JsonObject months = server.json("/v1/2019-12-01..2020-01-31?symbols=USD&group=month");
        assertEquals(2, months.getJsonObject("rates").size());
        assertTrue(months.getJsonObject("rates").containsKey("2019-12-31"));
        assertTrue(months.getJsonObject("rates").containsKey("2020-01-03"));
    }

    @Test
    void conversionUsesTheCrossRateAndKeepsTheExactResult() {
        JsonObject body = server.json("/v1/convert?from=USD&to=JPY&amount=100");
        assertEquals("2025-05-09", body.getString("date"));
        assertEquals(new BigDecimal("145.183"), body.getJsonNumber("rate").bigDecimalValue());
        assertEquals(new BigDecimal("14518.3"), body.getJsonNumber("result").bigDecimalValue());
        JsonObject onADate = server.json("/v1/convert?from=EUR&to=USD&amount=250.50&date=2020-01-01");
        assertEquals("2019-12-31", onADate.getString("date"));
        assertEquals(new BigDecimal("281.412"), onADate.getJsonNumber("result").bigDecimalValue());
    }

    @Test
    void changeBetweenTwoDates() {
        JsonObject body = server.json("/v1/change/2024-01-02..2025-05-11?symbols=USD,JPY");
        assertEquals("2024-01-02", body.getString("start_date"));
        assertEquals("2025-05-09", body.getString("end_date"));
        JsonObject usd = body.getJsonObject("rates").getJsonObject("USD");
        assertEquals(new BigDecimal("1.0956"), usd.getJsonNumber("start_rate").bigDecimalValue());
        assertEquals(new BigDecimal("1.1252"), usd.getJsonNumber("end_rate").bigDecimalValue());
        assertEquals(new BigDecimal("0.0296"), usd.getJsonNumber("change").bigDecimalValue());
        assertEquals(new BigDecimal("2.7017"), usd.getJsonNumber("change_pct").bigDecimalValue());
    }

    @Test
    void changeForACrossRateIsComputedBeforeRounding() {
        JsonObject body = server.json("/v1/change/2024-01-02..2025-05-09?base=GBP&symbols=USD");
        JsonObject usd = body.getJsonObject("rates").getJsonObject("USD");
        // 1.0956/0.86645 = 1.264470..., 1.1252/0.8477 = 1.327356...: the change is taken between
        // the exact quotients, then rounded, not between the rounded rates.
        assertEquals(new BigDecimal("1.26447"), usd.getJsonNumber("start_rate").bigDecimalValue());
        assertEquals(new BigDecimal("1.32736"), usd.getJsonNumber("end_rate").bigDecimalValue());
        assertEquals(new BigDecimal("0.0628864"), usd.getJsonNumber("change").bigDecimalValue());
        assertEquals(new BigDecimal("4.9733"), usd.getJsonNumber("change_pct").bigDecimalValue());
        assertEquals(400, server.get("/v1/change/2024-01-02..2025-05-09?symbols=USD&amount=100").statusCode(),
                "amount does not apply to a change");
    }
}
