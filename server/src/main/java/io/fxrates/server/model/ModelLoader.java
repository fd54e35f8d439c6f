package io.fxrates.server.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.fxrates.server.currencies.Currency;

import io.helidon.config.Config;

/**
 * Reads one provider's whole data into a {@link RatesModel}: the provider's row, the currency
 * table and every rate, in one read-only REPEATABLE READ transaction, so that the model is one
 * consistent version even while the updater writes.
 *
 * <p>The statements are {@code db.statements.model-*} of {@code application.yaml}. The rates are
 * streamed through plain JDBC with a cursor (fetch size {@value #FETCH_SIZE}) and parsed from their
 * text: the ECB's 210,545 rates load in a fraction of a second, with no object kept per rate.
 */
public final class ModelLoader {

    static final int FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final String provider;
    private final String providerSql;
    private final String currenciesSql;
    private final String ratesSql;

    /** A loader of {@code provider}'s data over {@code dataSource}; {@code statements} is {@code db.statements}. */
    public ModelLoader(DataSource dataSource, String provider, Config statements) {
        this.dataSource = dataSource;
        this.provider = provider;
        this.providerSql = statements.get("model-provider").asString().get();
        this.currenciesSql = statements.get("model-currencies").asString().get();
        this.ratesSql = statements.get("model-rates").asString().get();
    }

    /** The provider's state as stored: its version and provenance (a tiny query, for the poll). */
    public record StoredState(String baseCurrency, long version, Optional<Instant> fetchedAt, Optional<Instant> changedAt) {
    }

    /** Reads the provider's row alone. */
    public StoredState state() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return state(c);
        }
    }

    /** Reads everything into a new model. */
    public RatesModel load() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                StoredState state = state(c);
                ModelBuilder builder = new ModelBuilder(provider, state.baseCurrency(), currencies(c));
                try (PreparedStatement ps = c.prepareStatement(ratesSql)) {
                    ps.setFetchSize(FETCH_SIZE);
                    ps.setString(1, provider);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            builder.add(rs.getInt(1), rs.getString(2), rs.getString(3));
                        }
                    }
                }
                c.commit();
                return builder.build(state.version(), state.fetchedAt(), state.changedAt());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setReadOnly(false);
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private StoredState state(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(providerSql)) {
            ps.setString(1, provider);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("provider " + provider + " is not in the provider table; is the schema migrated?",
                            "42704");
                }
                return new StoredState(rs.getString(1).strip(), rs.getLong(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)));
            }
        }
    }

    private Map<String, Currency> currencies(Connection c) throws SQLException {
        Map<String, Currency> all = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(currenciesSql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int minor = rs.getInt(3);
                boolean noMinor = rs.wasNull();
                String code = rs.getString(1).strip();
                all.put(code, new Currency(code, rs.getString(2), noMinor ? 2 : minor, rs.getBoolean(4),
                        Optional.empty(), Optional.empty()));
            }
        }
        return all;
    }

    private static Optional<Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }
}
