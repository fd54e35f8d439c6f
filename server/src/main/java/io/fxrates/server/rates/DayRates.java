package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The rates published for one date, as published: units of each currency per one unit of the
 * provider's base currency (which is not among them).
 *
 * @param date  the rate date
 * @param rates currency code to published rate, in code order
 */
public record DayRates(LocalDate date, Map<String, BigDecimal> rates) {

    public DayRates {
        rates = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rates));
    }
}
