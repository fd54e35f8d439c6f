package io.fxrates.updater.provider;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One value as a provider published it: units of {@code currency} per one unit of the provider's
 * base currency on {@code date}. The BigDecimal keeps the published scale ("1.0810" stays 1.0810),
 * because the database stores rates exactly as published.
 */
public record PublishedRate(LocalDate date, String currency, BigDecimal rate) {
    public PublishedRate {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(rate, "rate");
    }
}
