package io.fxrates.server.currencies;

import io.fxrates.server.support.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /v1/currencies: Frankfurter's map of the currencies quoted today, and the metadata. */
class CurrenciesApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    @Test
    void theCurrentCurrenciesAsFrankfurtersCodeToNameMap() {
        JsonObject body = server.json("/v1/currencies");
        assertEquals("US Dollar", body.getString("USD"));
        assertEquals("Euro", body.getString("EUR"), "the provider's base is a currency too");
        assertEquals("Icelandic Króna", body.getString("ISK"));
        assertFalse(body.containsKey("RUB"), "no longer quoted on the newest date");
        assertEquals(8, body.size());
        assertEquals(java.util.List.of("CHF", "EUR", "GBP", "IDR", "ISK", "JPY", "TRY", "USD"),
                java.util.List.copyOf(body.keySet()), "in code order");
    }

    @Test
    void allAddsTheCurrenciesNoLongerQuoted() {
        JsonObject body = server.json("/v1/currencies?all=true");
        assertEquals("Russian Ruble", body.getString("RUB"));
        assertEquals(9, body.size());
    }

    @Test
    void detailGivesMinorUnitsAndTheSpanQuoted() {
        JsonObject body = server.json("/v1/currencies?detail=true");
        JsonObject isk = body.getJsonObject("ISK");
        assertEquals(0, isk.getInt("minor_units"));
        assertEquals("2008-12-08", isk.getString("first_date"));
        assertEquals("2025-05-09", isk.getString("last_date"));
        assertTrue(isk.getBoolean("quoted"));
        JsonObject rub = body.getJsonObject("RUB");
        assertEquals("2020-01-03", rub.getString("last_date"));
        assertFalse(rub.getBoolean("quoted"));
        assertEquals(2, body.getJsonObject("USD").getInt("minor_units"));
        assertEquals(0, body.getJsonObject("JPY").getInt("minor_units"));
    }
}
