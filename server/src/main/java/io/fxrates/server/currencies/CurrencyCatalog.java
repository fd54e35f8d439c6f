package io.fxrates.server.currencies;

import io.fxrates.server.http.ProblemException;
import io.fxrates.server.model.RatesModel;

/**
 * The currencies a request may name: those the provider quotes or ever quoted, and its base
 * (the model's {@link RatesModel#quotedCurrencies()}, computed once per data version).
 */
public final class CurrencyCatalog {

    private CurrencyCatalog() {
    }

    /**
     * {@code code}, if the provider quotes or quoted it; otherwise a 404 problem that says which
     * currencies exist.
     */
    public static Currency require(RatesModel model, String code, String parameter) {
        Currency currency = model.quotedCurrencies().get(code);
        if (currency == null) {
            boolean iso = model.allCurrencies().containsKey(code);
            throw ProblemException.notFound("unknown-currency", "Unknown currency",
                    "'" + code + "' in " + parameter + (iso
                            ? " is an ISO 4217 currency that " + model.provider() + " does not quote."
                            : " is not an ISO 4217 currency code.")
                            + " GET /v1/currencies lists the currencies available.");
        }
        return currency;
    }
}
