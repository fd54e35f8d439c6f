package io.fxrates.server.database;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.updater.ecb.EcbProvider;
import io.fxrates.updater.oxr.OpenExchangeRatesProvider;
import io.fxrates.updater.provider.HttpSettings;

import io.helidon.config.Config;

import com.zaxxer.hikari.HikariDataSource;

/**
 * On the local default's first start, fills the empty database with the provider's whole
 * history through the updater's own code, so that a newcomer sees rates without a second step.
 *
 * <p>It runs in the background, on a thread that stops with the server: the server answers at
 * once (the pages say rates are on their way) and picks the rates up when the load commits.
 * Its settings and time-outs are its own ({@code fxrates.first-start-load}), and so is its
 * connection pool: a full history writes for 5 to 10 s, longer than the web pool's statement
 * time-out allows. Without network access the load fails within seconds and the log says how to
 * load later.
 */
public final class FirstStartLoad implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(FirstStartLoad.class.getName());
    private static final String LATER = "./scripts/update-local history";

    private final HikariDataSource pool;
    private final Thread thread;

    private FirstStartLoad(HikariDataSource pool, Thread thread) {
        this.pool = pool;
        this.thread = thread;
    }

    /**
     * Starts loading when {@code provider} holds no rates and {@code settings} ({@code fxrates.first-start-load})
     * enable it; returns a load to close with the server, or {@code null} when nothing is loaded.
     */
    public static FirstStartLoad startIfEmpty(Config settings, Config database, DatabaseLogin login, String provider) {
        if (!settings.get("enabled").asBoolean().orElse(true)) {
            return null;
        }
        Duration statementTimeout = settings.get("statement-timeout").as(Duration.class).orElse(Duration.ofMinutes(2));
        HikariDataSource pool = ConnectionPool.create("fxrates-first-start-load", login, 2,
                database.get("connection-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)), statementTimeout);
        try {
            if (RateCount.hasRates(pool, provider)) {
                pool.close();
                return null;
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        UpdaterSettings updater = updaterSettings(settings, provider);
        LOGGER.info("The database holds no " + provider + " rates yet: loading its history from " + updater.ecbBaseUrl()
                + " in the background");
        Thread thread = Thread.ofPlatform().daemon().name("fxrates-first-start-load").unstarted(() -> load(pool, updater));
        thread.start();
        return new FirstStartLoad(pool, thread);
    }

    static UpdaterSettings updaterSettings(Config settings, String provider) {
        HttpSettings defaults = HttpSettings.defaults();
        HttpSettings http = new HttpSettings(
                settings.get("connect-timeout").as(Duration.class).orElse(Duration.ofSeconds(5)),
                settings.get("read-timeout").as(Duration.class).orElse(Duration.ofSeconds(60)),
                settings.get("max-attempts").asInt().orElse(3),
                defaults.initialBackoff(),
                defaults.maxBackoff(),
                settings.get("retry-budget").as(Duration.class).orElse(Duration.ofMinutes(2)));
        return new UpdaterSettings(provider,
                settings.get("ecb-base-url").asString().orElse(EcbProvider.DEFAULT_BASE_URL),
                OpenExchangeRatesProvider.DEFAULT_BASE_URL,
                () -> null,
                UpdateMode.HISTORY,
                http);
    }

    private static void load(HikariDataSource pool, UpdaterSettings settings) {
        try {
            UpdateReport report = new UpdateRunner(pool, settings, IsolatedSchemaMigrations::apply).run(UpdateMode.HISTORY);
            if (report.succeeded()) {
                LOGGER.info("Loaded " + report.inserted() + " rates up to " + report.newestRateDate() + " in "
                        + report.duration().toSeconds() + " s");
            } else if (!pool.isClosed()) {
                LOGGER.warning("Could not load the rates (" + report.error() + "). Load them later with: " + LATER);
            }
        } catch (RuntimeException e) {
            if (!pool.isClosed()) {
                LOGGER.log(Level.WARNING, "Could not load the rates. Load them later with: " + LATER, e);
            }
        }
    }

    /** Whether the load is still running. */
    public boolean running() {
        return thread.isAlive();
    }

    /**
     * Stops the load if it still runs: closing its pool aborts its connections, so PostgreSQL rolls
     * back whatever it had begun to write (the next start loads again).
     */
    @Override
    public void close() {
        thread.interrupt();
        pool.close();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
