package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import io.fxrates.server.model.ByteSink;
import io.fxrates.server.model.Decimals;
import io.fxrates.server.model.RatesModel;

/**
 * The values of one question ({@code amount} of {@code base} in each quote) read off a model:
 * as BigDecimals for the pages and small answers, or written straight to a response for long
 * ranges, with the same digits either way ({@link CrossRates} is the reference). Published rates
 * are written from the model's arrays as they are; unit cross rates are divided with longs
 * ({@link Decimals#divideRounded}); amounts go through BigDecimal.
 */
final class Quotes {

    private final RatesModel model;
    private final int base;
    private final boolean providerBase;
    private final BigDecimal amount;
    private final boolean unitAmount;
    private final byte[] amountText;
    private final Decimals.Value scratch = new Decimals.Value();

    /** The quotes of {@code amount} of the currency of series {@code base}. */
    Quotes(RatesModel model, int base, BigDecimal amount) {
        this.model = model;
        this.base = base;
        this.providerBase = base == model.baseSeries();
        this.amount = amount;
        this.unitAmount = amount.compareTo(BigDecimal.ONE) == 0;
        this.amountText = Precision.plain(amount).toPlainString().getBytes(StandardCharsets.US_ASCII);
    }

    RatesModel model() {
        return model;
    }

    int base() {
        return base;
    }

    /** Whether the base has a rate on {@code day} (days without one are left out of series). */
    boolean baseQuoted(int day) {
        return model.quoted(base, day);
    }

    /** Whether {@code series} has a value on {@code day}. */
    boolean quoted(int series, int day) {
        return model.quoted(series, day);
    }

    /** The value of {@code series} on {@code day}; both must be quoted. */
    BigDecimal value(int series, int day) {
        return CrossRates.value(providerBase, series == base, model.rate(base, day), model.rate(series, day), amount,
                model.minorUnits(model.code(series)));
    }

    /** Writes the value of {@code series} on {@code day}, the digits of {@link #value}. */
    void write(ByteSink out, int series, int day) {
        if (series == base) {
            if (unitAmount) {
                out.writeByte('1');
            } else {
                out.write(amountText);
            }
            return;
        }
        if (unitAmount) {
            if (providerBase) {
                Decimals.write(out, model.unscaled(series, day), model.scale(series, day));
                return;
            }
            if (Decimals.divideRounded(model.unscaled(series, day), model.scale(series, day), model.unscaled(base, day),
                    model.scale(base, day), scratch)) {
                Decimals.write(out, scratch.unscaled, scratch.scale);
                return;
            }
        }
        out.writeAscii(value(series, day).toPlainString());
    }
}
