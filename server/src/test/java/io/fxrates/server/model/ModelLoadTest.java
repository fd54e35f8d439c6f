package io.fxrates.server.model;

import java.sql.Connection;
import java.sql.SQLException;

import io.fxrates.server.config.AppConfig;
import io.fxrates.server.support.TestDatabase;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read model of a table the size of the ECB's whole history (every weekday from 1999 to 2025,
 * 41 currencies: about 281,000 rates) loads from the statements of application.yaml and fits its
 * documented layout. The load time is printed, not asserted (scripts/benchmark measures it).
 */
class ModelLoadTest {

    @Test
    void aHistorySizedTableLoadsIntoAFewMegabytes() throws SQLException {
        TestDatabase.createDatabase("model_load");
        try (Connection c = TestDatabase.dataSource("model_load").getConnection(); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO rate (provider, rate_date, currency, rate)
                    SELECT 'ECB', d::date, c.code, round((1 + random() * 100)::numeric, 4)
                    FROM generate_series(date '1999-01-04', date '2025-05-09', interval '1 day') AS d,
                         unnest(string_to_array('USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,'
                             || 'CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR', ','))
                             AS c(code)
                    WHERE extract(isodow FROM d) < 6""");
            s.execute("UPDATE provider SET data_version = 7 WHERE code = 'ECB'");
            s.execute("VACUUM ANALYZE rate");
        }
        ModelLoader loader = new ModelLoader(TestDatabase.dataSource("model_load"), "ECB",
                AppConfig.load(java.util.Map.of(), java.util.Map.of()).get("db.statements"));
        loader.load();
        long started = System.nanoTime();
        RatesModel model = loader.load();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("ModelLoadTest: " + model.dayCount() + " dates, " + model.seriesCount() + " series, "
                + model.bytes() / 1024 + " kB, loaded in " + tookMs + " ms");
        assertEquals(6875, model.dayCount(), "every weekday from 1999-01-04 to 2025-05-09");
        assertEquals(42, model.seriesCount(), "41 currencies and the provider's base");
        assertEquals(7, model.version());
        assertTrue(model.bytes() < 16L * 1024 * 1024, model.bytes() + " bytes");
        assertTrue(model.bytes() > 6875L * 41 * 9, "the layout as documented: 9 bytes a rate");
        assertEquals(model.quotedCurrencies().size(), 42);
    }
}
