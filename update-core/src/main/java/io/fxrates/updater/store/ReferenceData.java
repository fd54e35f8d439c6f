package io.fxrates.updater.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** What validation needs from the database: the ISO 4217 codes it knows and a provider's base currency. */
public final class ReferenceData {
    private final DataSource dataSource;

    public ReferenceData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Set<String> knownCurrencies() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT code FROM currency");
             ResultSet rs = ps.executeQuery()) {
            Set<String> codes = new HashSet<>(256);
            while (rs.next()) {
                codes.add(rs.getString(1).trim());
            }
            return codes;
        }
    }

    /** The provider's base currency; fails clearly when the provider's row is missing. */
    public String baseCurrency(String provider) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT base_currency FROM provider WHERE code = ?")) {
            ps.setString(1, provider);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("provider " + provider + " has no row in the provider table; "
                            + "are the server's migrations applied?");
                }
                return rs.getString(1).trim();
            }
        }
    }
}
