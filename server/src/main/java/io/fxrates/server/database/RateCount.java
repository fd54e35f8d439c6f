package io.fxrates.server.database;

import java.sql.SQLException;

import javax.sql.DataSource;

/** Whether a provider holds any rates: the one question the first-start load asks before loading. */
final class RateCount {

    private RateCount() {
    }

    static boolean hasRates(DataSource dataSource, String provider) {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM rate WHERE provider = ?)")) {
            statement.setString(1, provider);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the rates table: " + e.getMessage(), e);
        }
    }
}
