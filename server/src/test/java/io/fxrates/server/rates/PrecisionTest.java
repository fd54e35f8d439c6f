package io.fxrates.server.rates;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Derived numbers keep six significant digits whatever their size, amounts at least their minor units. */
class PrecisionTest {

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    private static void assertExactly(String expected, BigDecimal actual) {
        assertEquals(expected, actual.toPlainString());
    }

    @Test
    void derivedRatesKeepSixSignificantDigitsForTinyAndHugeRates() {
        // 1 IDR in EUR (1 / 17,000-ish): the digits are far right of the point, and all kept.
        assertExactly("0.000054245", Precision.derivedRate(d("1").divide(d("18434.88"), Precision.WORKING)));
        // 1 EUR in VND-like magnitudes, and beyond: rounded to six digits, no exponent, no fraction.
        assertExactly("29651.5", Precision.derivedRate(d("29651.4913")));
        assertExactly("1234570", Precision.derivedRate(d("1234567.89")));
        assertExactly("123457000000", Precision.derivedRate(d("123456789012.5")));
        // Far below 1e-6, where BigDecimal.toString would switch to an exponent.
        assertExactly("0.0000000186066", Precision.derivedRate(d("0.00000001860655")));
    }

    @Test
    void roundingIsHalfEvenAndHappensOnce() {
        assertExactly("1.23456", Precision.derivedRate(d("1.234565")), "a tie goes to the even digit");
        assertExactly("1.23458", Precision.derivedRate(d("1.234575")));
        assertExactly("1.23457", Precision.derivedRate(d("1.2345650000000001")), "not a tie");
        assertExactly("2", Precision.derivedRate(d("2.000000")), "trailing zeros go");
    }

    private static void assertExactly(String expected, BigDecimal actual, String why) {
        assertEquals(expected, actual.toPlainString(), why);
    }

    @Test
    void amountsKeepSixSignificantDigitsOrTheMinorUnitsWhicheverKeepsMore() {
        assertExactly("1234567.89", Precision.amount(d("1234567.8912"), 2), "large USD amounts keep their cents");
        assertExactly("100.123", Precision.amount(d("100.1234567"), 2), "six significant digits keep more than cents");
        assertExactly("16632.5", Precision.amount(d("16632.5"), 0), "JPY: six significant digits keep more than none");
        assertExactly("16632.5", Precision.amount(d("16632.49"), 0));
        assertExactly("1663249", Precision.amount(d("1663249.4"), 0), "JPY: the minor units (none) keep more than six digits");
        assertExactly("0.000123457", Precision.amount(d("0.000123456789"), 0), "tiny amounts keep their significant digits");
        assertExactly("1.23457", Precision.amount(d("1.23456789"), 3), "six significant digits keep more than KWD's three decimals");
        assertExactly("307207.608", Precision.amount(d("307207.6075364"), 3), "KWD's three decimals keep more than six digits");
        assertExactly("25000000000000000000", Precision.amount(d("2.5E+19"), 2), "huge amounts: never an exponent");
    }

    @Test
    void plainNeverWritesExponentsOrTrailingZeros() {
        assertExactly("1500", Precision.plain(d("1.5E+3")));
        assertExactly("0.1", Precision.plain(d("0.1000")));
        assertExactly("0", Precision.plain(d("0.000")));
    }
}
