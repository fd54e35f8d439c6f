package io.fxrates.server.database;

import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.helidon.config.Config;

/**
 * On the embedded default's first start, fills the empty database with the provider's history,
 * so that a newcomer sees rates without a second step.
 */
public final class FirstStartLoader {

    private static final Logger LOGGER = Logger.getLogger(FirstStartLoader.class.getName());

    private FirstStartLoader() {
    }

    /** Loads the history when {@code provider} has no rates yet and loading is enabled. */
    public static void loadIfEmpty(DataSource dataSource, String provider, Config embedded) {
        if (hasRates(dataSource, provider)) {
            return;
        }
        LOGGER.info("The database holds no rates yet. Load them with: ./scripts/update-local history");
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
