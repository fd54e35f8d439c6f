package io.fxrates.server.currencies;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An ISO 4217 currency and the span over which the provider quoted it.
 *
 * @param code       ISO 4217 code
 * @param name       English name
 * @param minorUnits decimals of the currency's minor unit (2 for USD, 0 for JPY)
 * @param historic   replaced or withdrawn (CYP, ROL, HRK, ...)
 * @param firstDate  first date the provider quoted it, empty if never (or for the provider's base)
 * @param lastDate   last date the provider quoted it
 */
public record Currency(String code, String name, int minorUnits, boolean historic,
                       Optional<LocalDate> firstDate, Optional<LocalDate> lastDate) {
}
