package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How many digits derived numbers keep (documented in docs/api.md, "Numbers").
 *
 * <ul>
 *   <li>Published rates are returned exactly as published, scale included.</li>
 *   <li>Derived rates (cross rates through the provider's base) are computed with 34 significant
 *       digits and rounded once, at the end, to {@value #SIGNIFICANT_DIGITS} significant digits
 *       (half-even). Significant digits, not decimal places, so that a rate of 0.0000601 (IDR to
 *       EUR) keeps as much meaning as a rate of 16632.5.</li>
 *   <li>Converted amounts keep {@value #SIGNIFICANT_DIGITS} significant digits or the target
 *       currency's minor units (2 for USD, 0 for JPY), whichever keeps more digits, so that
 *       large amounts are never rounded to the nearest thousand.</li>
 * </ul>
 */
public final class Precision {

    /** Significant digits kept by derived rates; the ECB publishes 5 or 6. */
    public static final int SIGNIFICANT_DIGITS = 6;

    /** Working precision of every intermediate result. */
    public static final MathContext WORKING = MathContext.DECIMAL128;

    private static final MathContext DERIVED = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private Precision() {
    }

    /** A derived rate, rounded to {@value #SIGNIFICANT_DIGITS} significant digits. */
    public static BigDecimal derivedRate(BigDecimal exact) {
        return plain(exact.round(DERIVED));
    }

    /** A converted amount in a currency with {@code minorUnits} decimals. */
    public static BigDecimal amount(BigDecimal exact, int minorUnits) {
        BigDecimal significant = exact.round(DERIVED);
        if (significant.scale() >= minorUnits) {
            return plain(significant);
        }
        return plain(exact.setScale(minorUnits, RoundingMode.HALF_EVEN));
    }

    /** {@code value} without trailing zeros and never in exponent notation for values of 1e-6 and up. */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
