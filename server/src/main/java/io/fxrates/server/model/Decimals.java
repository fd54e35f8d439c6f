package io.fxrates.server.model;

import java.math.BigDecimal;

/**
 * Exact decimals as an unscaled {@code long} and a scale (value = unscaled × 10^-scale), the way
 * the read model keeps every rate: read from PostgreSQL's text, written to a response without a
 * BigDecimal, and divided into cross rates with integer arithmetic that rounds exactly as
 * {@link io.fxrates.server.rates.Precision#derivedRate} does.
 */
public final class Decimals {

    /** The most digits an unscaled value may have: 18 always fit a long. */
    static final int MAX_DIGITS = 18;

    /** The significant digits a derived rate keeps (Precision.SIGNIFICANT_DIGITS). */
    private static final int SIGNIFICANT = 6;
    private static final long LOW = 100_000L;
    private static final long HIGH = 1_000_000L;
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private Decimals() {
    }

    /** A parsed or computed decimal: {@code unscaled × 10^-scale}. */
    public static final class Value {
        public long unscaled;
        public int scale;

        public BigDecimal toBigDecimal() {
            return BigDecimal.valueOf(unscaled, scale);
        }
    }

    /**
     * Reads a positive decimal in plain notation ({@code 1.1789}, {@code 163.36}, {@code 0.84770}:
     * PostgreSQL's text of a numeric) into {@code into}, scale kept. Fails on anything else,
     * and on more than {@value #MAX_DIGITS} digits.
     */
    public static void parse(CharSequence text, Value into) {
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        int length = text.length();
        if (length == 0) {
            throw new NumberFormatException("an empty rate");
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && scale < 0) {
                scale = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 || c != '0') {
                    digits++;
                }
                if (digits > MAX_DIGITS) {
                    throw new NumberFormatException("the rate " + text + " has more than " + MAX_DIGITS + " digits");
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else {
                throw new NumberFormatException("not a plain positive decimal: " + text);
            }
        }
        into.unscaled = unscaled;
        into.scale = Math.max(scale, 0);
    }

    /**
     * {@code quote / base} (both {@code unscaled × 10^-scale}, positive) rounded half-even to six
     * significant digits, without trailing zeros and never with a negative scale: what
     * {@code Precision.derivedRate(quote.divide(base, DECIMAL128))} gives, computed with longs.
     * Returns false (leaving {@code into} undefined) when a step would overflow a long; the
     * caller then takes the BigDecimal path.
     *
     * <p>Why the results agree: the exact quotient is {@code n/d} with integers below 10^19, so
     * the digits after the sixth are either an exact tie or at least 10^-19 away from one, far
     * beyond DECIMAL128's 34 digits; rounding the exact quotient once equals rounding its
     * 34-digit approximation.
     */
    public static boolean divideRounded(long quoteUnscaled, int quoteScale, long baseUnscaled, int baseScale, Value into) {
        int k = SIGNIFICANT - 1 + digits(baseUnscaled) - digits(quoteUnscaled);
        for (int attempt = 0; attempt < 2; attempt++) {
            long numerator = quoteUnscaled;
            long denominator = baseUnscaled;
            if (k >= 0) {
                if (k >= POWERS.length || numerator > Long.MAX_VALUE / POWERS[k]) {
                    return false;
                }
                numerator *= POWERS[k];
            } else {
                if (-k >= POWERS.length || denominator > Long.MAX_VALUE / POWERS[-k]) {
                    return false;
                }
                denominator *= POWERS[-k];
            }
            long quotient = numerator / denominator;
            if (quotient < LOW) {
                k++;
                continue;
            }
            long remainder = numerator % denominator;
            long rest = denominator - remainder;
            if (remainder > rest || (remainder == rest && (quotient & 1) == 1)) {
                quotient++;
            }
            int scale = k + quoteScale - baseScale;
            if (quotient == HIGH) {
                quotient = LOW;
                scale--;
            }
            while (quotient % 10 == 0) {
                quotient /= 10;
                scale--;
            }
            if (scale < 0) {
                if (-scale >= POWERS.length || quotient > Long.MAX_VALUE / POWERS[-scale]) {
                    return false;
                }
                quotient *= POWERS[-scale];
                scale = 0;
            }
            into.unscaled = quotient;
            into.scale = scale;
            return true;
        }
        return false;
    }

    /** Decimal digits of a positive {@code value}. */
    static int digits(long value) {
        int digits = 1;
        while (digits < POWERS.length && value >= POWERS[digits]) {
            digits++;
        }
        return digits;
    }

    /** Writes {@code unscaled × 10^-scale} (scale 0 or more) in plain notation, as {@link BigDecimal#toPlainString()} would. */
    public static void write(ByteSink out, long unscaled, int scale) {
        if (scale <= 0) {
            out.writeLong(unscaled);
            return;
        }
        boolean small = scale < POWERS.length;
        long integer = small ? unscaled / POWERS[scale] : 0;
        long fraction = small ? unscaled % POWERS[scale] : unscaled;
        out.writeLong(integer);
        out.writeByte('.');
        int fractionDigits = fraction == 0 ? 0 : digits(fraction);
        for (int i = fractionDigits; i < scale; i++) {
            out.writeByte('0');
        }
        if (fraction != 0) {
            out.writeLong(fraction);
        }
    }
}
