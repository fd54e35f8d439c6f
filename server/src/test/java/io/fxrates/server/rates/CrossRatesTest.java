package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.fxrates.server.currencies.Currency;
import io.fxrates.server.model.ByteSink;
import io.fxrates.server.model.ModelBuilder;
import io.fxrates.server.model.RatesModel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rates against any base, from the provider's rates against its own: exact where published, rounded once where derived. */
class CrossRatesTest {

    private static final RatesModel MODEL = model();
    private static final int DAY = 0;

    private static RatesModel model() {
        Map<String, Currency> iso = new TreeMap<>();
        for (Object[] c : new Object[][] {{"USD", 2}, {"JPY", 0}, {"KWD", 3}, {"EUR", 2}, {"GBP", 2}, {"CHF", 2}}) {
            iso.put((String) c[0], new Currency((String) c[0], (String) c[0], (Integer) c[1], false, Optional.empty(), Optional.empty()));
        }
        ModelBuilder builder = new ModelBuilder("ECB", "EUR", iso);
        int day = (int) LocalDate.of(2025, 5, 9).toEpochDay();
        builder.add(day, "GBP", "0.84770");
        builder.add(day, "JPY", "163.36");
        builder.add(day, "KWD", "0.34567");
        builder.add(day, "USD", "1.1252");
        builder.add(day + 3, "CHF", "0.9347");
        return builder.build(1, Optional.empty(), Optional.empty());
    }

    private static Map<String, BigDecimal> rates(String base, Set<String> symbols, String amount) {
        return RateQueries.rates(MODEL, DAY, new RateParameters(base, symbols, new BigDecimal(amount)));
    }

    /** What the streamed writers write for the same question: the same digits. */
    private static String written(String base, String quote, String amount) {
        Quotes quotes = new Quotes(MODEL, MODEL.series(base), new BigDecimal(amount));
        ByteSink out = ByteSink.inMemory(32);
        quotes.write(out, MODEL.series(quote), DAY);
        return new String(out.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String text(BigDecimal value) {
        return value.toPlainString();
    }

    @Test
    void againstTheProvidersBasePublishedRatesComeBackAsPublishedScaleIncluded() {
        Map<String, BigDecimal> rates = rates("EUR", Set.of(), "1");
        assertEquals(List.of("GBP", "JPY", "KWD", "USD"), List.copyOf(rates.keySet()), "code order, the base and CHF (not quoted that day) left out");
        assertEquals("0.84770", text(rates.get("GBP")), "the published scale is kept");
        assertEquals("0.84770", written("EUR", "GBP", "1"));
        assertEquals("1.1252", text(rates.get("USD")));
    }

    @Test
    void crossRatesAreQuotientsRoundedToSixSignificantDigits() {
        Map<String, BigDecimal> rates = rates("USD", new java.util.TreeSet<>(Set.of("JPY", "EUR", "GBP")), "1");
        // 163.36 / 1.1252 = 145.18308...; 1 / 1.1252 = 0.888731...; 0.84770 / 1.1252 = 0.753377...
        assertEquals("145.183", text(rates.get("JPY")));
        assertEquals("0.888731", text(rates.get("EUR")));
        assertEquals("0.753377", text(rates.get("GBP")));
        for (String quote : new String[] {"JPY", "EUR", "GBP", "KWD"}) {
            assertEquals(text(rates("USD", Set.of(quote), "1").get(quote)), written("USD", quote, "1"), quote);
        }
    }

    @Test
    void amountsAreMultipliedBeforeRoundingAndKeepTheQuotesMinorUnits() {
        Map<String, BigDecimal> rates = rates("USD", new java.util.TreeSet<>(Set.of("JPY", "KWD")), "1000000");
        // 1,000,000 x 163.36 / 1.1252 = 145,183,078.56...: whole yen, no rounding to six digits.
        assertEquals("145183079", text(rates.get("JPY")));
        // 1,000,000 x 0.34567 / 1.1252 = 307,207.60753...: six digits keep 307208, KWD's three decimals keep more.
        assertEquals("307207.608", text(rates.get("KWD")));
        assertEquals("307207.608", written("USD", "KWD", "1000000"));
        assertEquals("100", text(rates("USD", Set.of("USD"), "100").get("USD")), "the base in itself");
        assertEquals("100", written("USD", "USD", "100"));
        assertEquals("1", written("USD", "USD", "1"));
    }

    @Test
    void aQuoteNotQuotedThatDayIsLeftOut() {
        Map<String, BigDecimal> rates = rates("EUR", new java.util.TreeSet<>(Set.of("USD", "CHF")), "1");
        assertEquals(Set.of("USD"), rates.keySet());
        assertFalse(MODEL.quoted(MODEL.series("CHF"), DAY));
        assertTrue(MODEL.quoted(MODEL.baseSeries(), 1), "the provider's base is quoted every day with rates");
    }

    @Test
    void exactValuesAreUnroundedAndDisplayRoundsOnlyDerivedOnes() {
        BigDecimal exact = CrossRates.exact(false, false, new BigDecimal("1.1252"), new BigDecimal("163.36"));
        assertTrue(exact.precision() > 20, "working precision: " + exact);
        assertEquals("145.183", text(CrossRates.display(false, exact)));
        assertEquals("163.36", text(CrossRates.display(true, CrossRates.exact(true, false, BigDecimal.ONE, new BigDecimal("163.36")))));
        assertEquals("1", text(CrossRates.exact(false, true, new BigDecimal("163.36"), new BigDecimal("163.36"))));
    }
}
