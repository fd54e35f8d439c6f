package io.fxrates.server.database;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;

import io.helidon.config.Config;

/**
 * On the embedded default's first start, fills the empty database with the ECB's whole history
 * through the updater's own code, so that a newcomer sees rates without a second step.
 *
 * <p>It runs in the background: the server answers at once (the pages say rates are on their
 * way) and picks the rates up through its data watcher when the load commits. Without network
 * access the load fails quickly and the log says how to load later.
 */
public final class FirstStartLoader {

    private static final Logger LOGGER = Logger.getLogger(FirstStartLoader.class.getName());

    private FirstStartLoader() {
    }

    /**
     * Starts loading the history when {@code provider} has no rates yet and loading is enabled;
     * returns the loading thread, or {@code null} when nothing is loaded.
     */
    public static Thread loadIfEmpty(DataSource dataSource, String provider, Config embedded) {
        if (hasRates(dataSource, provider)) {
            return null;
        }
        if (!embedded.get("load-on-first-start").asBoolean().orElse(true)) {
            LOGGER.info("The database holds no rates yet. Load them with: ./scripts/update-local history");
            return null;
        }
        UpdaterSettings settings = UpdaterSettings.fromEnvironment(System.getenv())
                .withProvider(provider)
                .withEcbBaseUrl(embedded.get("ecb-base-url").asString().orElse("https://www.ecb.europa.eu/stats/eurofxref"));
        LOGGER.info("The database holds no rates yet: loading the " + provider + "'s history from "
                + settings.ecbBaseUrl() + " in the background");
        return Thread.ofVirtual().name("fxrates-first-start-load").start(() -> load(dataSource, settings));
    }

    private static void load(DataSource dataSource, UpdaterSettings settings) {
        try {
            UpdateReport report = new UpdateRunner(dataSource, settings).run(UpdateMode.HISTORY);
            if (report.succeeded()) {
                LOGGER.info("Loaded " + report.inserted() + " rates up to " + report.newestRateDate() + " in "
                        + report.duration().toSeconds() + " s");
            } else {
                LOGGER.warning("Could not load the rates (" + report.error() + "). Load them later with: "
                        + "./scripts/update-local history");
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not load the rates. Load them later with: ./scripts/update-local history", e);
        }
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
