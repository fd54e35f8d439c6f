package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.math.BigInteger;

import jakarta.json.JsonNumber;

/**
 * A JSON number written in plain notation ({@code 0.0000000186066}, never {@code 1.86066E-8}):
 * the JSON-P generator writes a {@code BigDecimal} with {@code toString()}, which switches to
 * exponents below 1e-6, while a {@link JsonNumber} is written with its own {@code toString()}.
 */
final class PlainNumber implements JsonNumber {

    private final BigDecimal value;

    private PlainNumber(BigDecimal value) {
        this.value = value;
    }

    static PlainNumber of(BigDecimal value) {
        return new PlainNumber(value);
    }

    @Override
    public boolean isIntegral() {
        return value.scale() <= 0;
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public int intValueExact() {
        return value.intValueExact();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public long longValueExact() {
        return value.longValueExact();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value.toBigInteger();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return value.toBigIntegerExact();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public BigDecimal bigDecimalValue() {
        return value;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber number && value.equals(number.bigDecimalValue());
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
