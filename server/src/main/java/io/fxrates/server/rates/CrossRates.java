package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Rates against any quoted currency, derived from the provider's rates against its own base:
 * {@code quote per base = (quote per EUR) / (base per EUR)}.
 */
public final class CrossRates {

    private final String providerBase;
    private final ToIntFunction<String> minorUnits;

    /**
     * @param providerBase the currency the provider quotes against (EUR for the ECB)
     * @param minorUnits   the decimals of a currency's minor unit (2 for USD, 0 for JPY)
     */
    public CrossRates(String providerBase, ToIntFunction<String> minorUnits) {
        this.providerBase = providerBase;
        this.minorUnits = minorUnits;
    }

    /** The published rate of one unit of the provider's base in {@code currency} on that day. */
    private Optional<BigDecimal> perProviderBase(DayRates day, String currency) {
        if (currency.equals(providerBase)) {
            return Optional.of(BigDecimal.ONE);
        }
        return Optional.ofNullable(day.rates().get(currency));
    }

    /** Whether {@code currency} can be used as a base or quote on {@code day}. */
    public boolean quoted(DayRates day, String currency) {
        return perProviderBase(day, currency).isPresent();
    }

    /**
     * {@code amount} units of {@code base} expressed in each of {@code symbols} (all currencies
     * quoted that day when empty, except the base itself). A symbol not quoted that day is left
     * out; the caller checks that the base is quoted.
     */
    public Map<String, BigDecimal> convert(DayRates day, String base, Collection<String> symbols, BigDecimal amount) {
        BigDecimal baseRate = perProviderBase(day, base).orElseThrow(
                () -> new IllegalArgumentException(base + " is not quoted on " + day.date()));
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        Iterable<String> quotes = symbols.isEmpty() ? allQuotes(day, base) : symbols;
        for (String quote : quotes) {
            perProviderBase(day, quote).ifPresent(quoteRate -> result.put(quote, value(base, baseRate, quote, quoteRate, amount)));
        }
        return result;
    }

    /** One quote: exact where the provider published it, rounded per {@link Precision} where derived. */
    public BigDecimal value(String base, BigDecimal baseRate, String quote, BigDecimal quoteRate, BigDecimal amount) {
        boolean unitAmount = amount.compareTo(BigDecimal.ONE) == 0;
        if (quote.equals(base)) {
            return unitAmount ? BigDecimal.ONE : Precision.plain(amount);
        }
        if (base.equals(providerBase) && unitAmount) {
            return quoteRate;
        }
        BigDecimal exact = amount.multiply(quoteRate, Precision.WORKING).divide(baseRate, Precision.WORKING);
        return unitAmount ? Precision.derivedRate(exact) : Precision.amount(exact, minorUnits.applyAsInt(quote));
    }

    /**
     * One unit of {@code base} in {@code quote} on {@code day}, unrounded: the published rate, or
     * the quotient at working precision; empty when either is not quoted that day.
     */
    public java.util.Optional<BigDecimal> exact(DayRates day, String base, String quote) {
        if (base.equals(quote)) {
            return java.util.Optional.of(BigDecimal.ONE);
        }
        java.util.Optional<BigDecimal> baseRate = perProviderBase(day, base);
        java.util.Optional<BigDecimal> quoteRate = perProviderBase(day, quote);
        if (baseRate.isEmpty() || quoteRate.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(base.equals(providerBase) ? quoteRate.get()
                : quoteRate.get().divide(baseRate.get(), Precision.WORKING));
    }

    /** A value computed from exact rates against {@code base}: as is when published ones, else rounded. */
    public BigDecimal display(String base, BigDecimal exact) {
        return base.equals(providerBase) ? exact : Precision.derivedRate(exact);
    }

    private Collection<String> allQuotes(DayRates day, String base) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(day.rates().keySet());
        all.add(providerBase);
        all.remove(base);
        return all;
    }
}
