package io.fxrates.server.currencies;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fxrates.server.data.DataState;
import io.fxrates.server.data.DataWatcher;
import io.fxrates.server.http.ProblemException;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * The currencies the provider quotes (or ever quoted), with ISO 4217 names and minor units.
 * Read once per data version: the spans change only when rates do.
 */
public final class CurrencyCatalog {

    private record Snapshot(long version, Map<String, Currency> all, Map<String, Currency> quoted) {
    }

    private final DbClient db;
    private final DataWatcher data;
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of(), Map.of());

    public CurrencyCatalog(DbClient db, DataWatcher data) {
        this.db = db;
        this.data = data;
    }

    /** Every ISO 4217 currency known, by code. */
    public Map<String, Currency> all() {
        return current().all();
    }

    /** The currencies the provider quotes or quoted, and its base, by code. */
    public Map<String, Currency> quoted() {
        return current().quoted();
    }

    /** Minor units of {@code code}; 2 when ISO 4217 gives none. */
    public int minorUnits(String code) {
        Currency currency = current().all().get(code);
        return currency == null ? 2 : currency.minorUnits();
    }

    /**
     * {@code code}, if the provider quotes or quoted it; otherwise a 404 problem that says which
     * currencies exist.
     */
    public Currency require(String code, String parameter) {
        Currency currency = quoted().get(code);
        if (currency == null) {
            boolean iso = all().containsKey(code);
            throw ProblemException.notFound("unknown-currency", "Unknown currency",
                    "'" + code + "' in " + parameter + (iso
                            ? " is an ISO 4217 currency that " + data.state().provider() + " does not quote."
                            : " is not an ISO 4217 currency code.")
                            + " GET /v1/currencies lists the currencies available.");
        }
        return currency;
    }

    private Snapshot current() {
        DataState state = data.state();
        Snapshot s = snapshot;
        if (s.version() != state.version() || s.all().isEmpty()) {
            s = load(state);
            snapshot = s;
        }
        return s;
    }

    private Snapshot load(DataState state) {
        Map<String, Currency> all = new TreeMap<>();
        try (Stream<DbRow> rows = db.execute().namedQuery("currencies")) {
            rows.forEach(row -> {
                Integer minor = row.column("minor_units").get(Integer.class);
                all.put(row.column("code").get(String.class), new Currency(row.column("code").get(String.class),
                        row.column("name").get(String.class), minor == null ? 2 : minor,
                        row.column("historic").get(Boolean.class), Optional.empty(), Optional.empty()));
            });
        }
        Map<String, Currency> quoted = new TreeMap<>();
        try (Stream<DbRow> rows = db.execute().namedQuery("currency-spans", state.provider())) {
            rows.forEach(row -> {
                Currency iso = all.get(row.column("currency").get(String.class));
                quoted.put(iso.code(), new Currency(iso.code(), iso.name(), iso.minorUnits(), iso.historic(),
                        Optional.of(row.column("first_date").get(LocalDate.class)),
                        Optional.of(row.column("last_date").get(LocalDate.class))));
            });
        }
        Currency base = all.get(state.baseCurrency());
        if (base != null && state.hasRates()) {
            LocalDate first = quoted.values().stream().flatMap(c -> c.firstDate().stream()).min(LocalDate::compareTo)
                    .orElse(state.newestDate().get());
            quoted.put(base.code(), new Currency(base.code(), base.name(), base.minorUnits(), base.historic(),
                    Optional.of(first), state.newestDate()));
        }
        return new Snapshot(state.version(), Collections.unmodifiableMap(all), Collections.unmodifiableMap(quoted));
    }
}
