package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rates against any base, from the provider's rates against its own: exact where published, rounded once where derived. */
class CrossRatesTest {

    private static final Map<String, Integer> MINOR_UNITS = Map.of("USD", 2, "JPY", 0, "KWD", 3, "EUR", 2, "GBP", 2);
    private static final CrossRates CROSS = new CrossRates("EUR", code -> MINOR_UNITS.getOrDefault(code, 2));
    private static final DayRates DAY = new DayRates(LocalDate.of(2025, 5, 9), Map.of(
            "USD", new BigDecimal("1.1252"), "JPY", new BigDecimal("163.36"), "GBP", new BigDecimal("0.84770"),
            "KWD", new BigDecimal("0.34567")));

    private static String text(BigDecimal value) {
        return value.toPlainString();
    }

    @Test
    void againstTheProvidersBasePublishedRatesComeBackAsPublishedScaleIncluded() {
        Map<String, BigDecimal> rates = CROSS.convert(DAY, "EUR", Set.of(), BigDecimal.ONE);
        assertEquals(List.of("GBP", "JPY", "KWD", "USD"), List.copyOf(rates.keySet()), "code order, the base left out");
        assertEquals("0.84770", text(rates.get("GBP")), "the published scale is kept");
        assertEquals("1.1252", text(rates.get("USD")));
    }

    @Test
    void crossRatesAreQuotientsRoundedToSixSignificantDigits() {
        Map<String, BigDecimal> rates = CROSS.convert(DAY, "USD", Set.of("JPY", "EUR", "GBP"), BigDecimal.ONE);
        // 163.36 / 1.1252 = 145.18308...; 1 / 1.1252 = 0.888731...; 0.84770 / 1.1252 = 0.753377...
        assertEquals("145.183", text(rates.get("JPY")));
        assertEquals("0.888731", text(rates.get("EUR")));
        assertEquals("0.753377", text(rates.get("GBP")));
    }

    @Test
    void amountsAreMultipliedBeforeRoundingAndKeepTheQuotesMinorUnits() {
        Map<String, BigDecimal> rates = CROSS.convert(DAY, "USD", Set.of("JPY", "KWD"), new BigDecimal("1000000"));
        // 1,000,000 x 163.36 / 1.1252 = 145,183,078.56...: whole yen, no rounding to six digits.
        assertEquals("145183079", text(rates.get("JPY")));
        // 1,000,000 x 0.34567 / 1.1252 = 307,207.60753...: six digits keep 307208, KWD's three decimals keep more.
        assertEquals("307207.608", text(rates.get("KWD")));
        assertEquals("100", text(CROSS.convert(DAY, "USD", Set.of("USD"), new BigDecimal("100")).get("USD")), "the base in itself");
    }

    @Test
    void aQuoteNotQuotedThatDayIsLeftOutAndAnUnquotedBaseIsRefused() {
        Map<String, BigDecimal> rates = CROSS.convert(DAY, "EUR", Set.of("USD", "CHF"), BigDecimal.ONE);
        assertEquals(Set.of("USD"), rates.keySet());
        assertFalse(CROSS.quoted(DAY, "CHF"));
        assertTrue(CROSS.quoted(DAY, "EUR"), "the provider's base is quoted every day");
        assertThrows(IllegalArgumentException.class, () -> CROSS.convert(DAY, "CHF", Set.of(), BigDecimal.ONE));
    }

    @Test
    void exactValuesAreUnroundedAndDisplayRoundsOnlyDerivedOnes() {
        BigDecimal exact = CROSS.exact(DAY, "USD", "JPY").orElseThrow();
        assertTrue(exact.precision() > 20, "working precision: " + exact);
        assertEquals("145.183", text(CROSS.display("USD", exact)));
        assertEquals("163.36", text(CROSS.display("EUR", CROSS.exact(DAY, "EUR", "JPY").orElseThrow())));
        assertEquals("1", text(CROSS.exact(DAY, "JPY", "JPY").orElseThrow()));
        assertTrue(CROSS.exact(DAY, "USD", "CHF").isEmpty());
    }
}
