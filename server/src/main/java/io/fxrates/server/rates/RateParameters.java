package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import io.fxrates.server.currencies.CurrencyCatalog;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.model.RatesModel;

import io.helidon.common.parameters.Parameters;

/**
 * The base, symbols and amount of a rates request, with Frankfurter's aliases
 * ({@code from} for {@code base}, {@code to} for {@code symbols}).
 *
 * @param base    the currency the rates are expressed against
 * @param symbols the currencies wanted, empty for all
 * @param amount  units of the base to convert
 */
public record RateParameters(String base, Set<String> symbols, BigDecimal amount) {

    /** Reads the parameters of {@code query}, checked against {@code model}'s currencies; the base defaults to the provider's. */
    public static RateParameters from(Parameters query, RatesModel model) {
        String base = single(query, "base", "from").map(raw -> Inputs.currency(raw, "base")).orElse(model.baseCurrency());
        // Sorted: answers list currencies in code order, and equal questions share one cache entry.
        Set<String> symbols = single(query, "symbols", "to").map(raw -> (Set<String>) new java.util.TreeSet<>(
                Inputs.currencies(raw, "symbols"))).orElse(Set.of());
        BigDecimal amount = single(query, "amount", null).map(Inputs::amount).orElse(BigDecimal.ONE);
        CurrencyCatalog.require(model, base, "base");
        symbols.forEach(code -> CurrencyCatalog.require(model, code, "symbols"));
        return new RateParameters(base, symbols, amount);
    }

    /** The value of {@code name} or its {@code alias}; a problem if given twice or both. */
    static Optional<String> single(Parameters query, String name, String alias) {
        Optional<String> value = one(query, name);
        Optional<String> aliased = alias == null ? Optional.empty() : one(query, alias);
        if (value.isPresent() && aliased.isPresent()) {
            throw ProblemException.badRequest("conflicting-parameters", "Conflicting parameters",
                    "Give either " + name + " or " + alias + ", not both.");
        }
        return value.or(() -> aliased);
    }

    private static Optional<String> one(Parameters query, String name) {
        if (!query.contains(name)) {
            return Optional.empty();
        }
        var all = query.all(name);
        if (all.size() > 1) {
            throw ProblemException.badRequest("repeated-parameter", "Repeated parameter",
                    name + " is given " + all.size() + " times; give it once (several currencies go in one comma-separated value).");
        }
        return Optional.of(all.getFirst());
    }

    /** A stable text form, for cache keys and ETags. */
    public String key() {
        return base + "|" + String.join(",", symbols) + "|" + amount.toPlainString();
    }

    /** The amount as Frankfurter writes it (1.0 rather than 1). */
    public BigDecimal displayAmount() {
        return amount.scale() < 1 ? amount.setScale(1) : amount;
    }
}
