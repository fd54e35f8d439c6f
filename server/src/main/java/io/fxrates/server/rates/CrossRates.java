package io.fxrates.server.rates;

import java.math.BigDecimal;

/**
 * Rates against any currency, derived from the provider's rates against its own base:
 * {@code quote per base = (quote per provider base) / (base per provider base)}, in BigDecimal.
 * The reference for every derived number: {@link Quotes} writes the same digits without a
 * BigDecimal where it can, and falls back to these methods where it cannot.
 */
public final class CrossRates {

    private CrossRates() {
    }

    /**
     * {@code amount} units of a base in a quote, from their rates against the provider's base:
     * exact where the provider published it (its own base, one unit), otherwise computed at
     * working precision and rounded once ({@link Precision}).
     *
     * @param providerBase whether the base is the provider's own
     * @param sameCurrency whether the quote is the base itself
     * @param minorUnits   the quote's minor units, for amounts
     */
    public static BigDecimal value(boolean providerBase, boolean sameCurrency, BigDecimal baseRate, BigDecimal quoteRate,
                                   BigDecimal amount, int minorUnits) {
        boolean unitAmount = amount.compareTo(BigDecimal.ONE) == 0;
        if (sameCurrency) {
            return unitAmount ? BigDecimal.ONE : Precision.plain(amount);
        }
        if (providerBase && unitAmount) {
            return quoteRate;
        }
        BigDecimal exact = amount.multiply(quoteRate, Precision.WORKING).divide(baseRate, Precision.WORKING);
        return unitAmount ? Precision.derivedRate(exact) : Precision.amount(exact, minorUnits);
    }

    /** One unit of a base in a quote, unrounded: the published rate, or the quotient at working precision. */
    public static BigDecimal exact(boolean providerBase, boolean sameCurrency, BigDecimal baseRate, BigDecimal quoteRate) {
        if (sameCurrency) {
            return BigDecimal.ONE;
        }
        return providerBase ? quoteRate : quoteRate.divide(baseRate, Precision.WORKING);
    }

    /** A value computed from exact rates against a base: as is when published ones, else rounded. */
    public static BigDecimal display(boolean providerBase, BigDecimal exact) {
        return providerBase ? exact : Precision.derivedRate(exact);
    }
}
