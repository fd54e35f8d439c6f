package io.fxrates.server.health;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.fxrates.server.currencies.CurrencyCatalog;
import io.fxrates.server.data.DataState;
import io.fxrates.server.data.DataWatcher;
import io.fxrates.server.data.ResponseCache;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The figures operators watch besides requests: how old the rates are, how many currencies are
 * quoted, how well the response cache works, and the connection pool.
 */
public final class BusinessMetrics {

    private BusinessMetrics() {
    }

    /** Registers the gauges in the global registry (served at /observe/metrics). */
    public static void register(DataWatcher data, CurrencyCatalog catalog, ResponseCache cache, HikariDataSource pool,
                                Clock clock) {
        MeterRegistry registry = Metrics.globalRegistry();
        registry.getOrCreate(Gauge.builder("fxrates.rates.age.seconds", () -> ageSeconds(data.state(), clock))
                .description("Seconds since the newest rates were published (their date at 16:00 CET); -1 when none"));
        registry.getOrCreate(Gauge.builder("fxrates.currencies.quoted", () -> quotedCount(data, catalog))
                .description("Currencies quoted on the newest date, the provider's base included"));
        registry.getOrCreate(Gauge.builder("fxrates.data.version", () -> data.state().version())
                .description("The provider's data version; it changes with every update that changes a rate"));
        registry.getOrCreate(Gauge.builder("fxrates.cache.hits", cache::hits)
                .description("Answers served from the response cache"));
        registry.getOrCreate(Gauge.builder("fxrates.cache.misses", cache::misses)
                .description("Answers that had to be built from the database"));
        registry.getOrCreate(Gauge.builder("fxrates.cache.bytes", cache::bytes)
                .description("Bytes held by the response cache"));
        registry.getOrCreate(Gauge.builder("fxrates.db.pool.active", () -> pool.getHikariPoolMXBean() == null ? 0
                : pool.getHikariPoolMXBean().getActiveConnections()).description("Connections in use"));
        registry.getOrCreate(Gauge.builder("fxrates.db.pool.idle", () -> pool.getHikariPoolMXBean() == null ? 0
                : pool.getHikariPoolMXBean().getIdleConnections()).description("Idle connections"));
        registry.getOrCreate(Gauge.builder("fxrates.db.pool.pending", () -> pool.getHikariPoolMXBean() == null ? 0
                : pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).description("Requests waiting for a connection"));
        registry.getOrCreate(Gauge.builder("fxrates.db.pool.max", pool::getMaximumPoolSize)
                .description("Largest number of connections the pool opens"));
    }

    static long ageSeconds(DataState state, Clock clock) {
        return state.newestDate()
                .map(date -> Duration.between(ZonedDateTime.of(date, LocalTime.of(16, 0), ZoneId.of("Europe/Berlin")).toInstant(),
                        clock.instant()).toSeconds())
                .orElse(-1L);
    }

    private static long quotedCount(DataWatcher data, CurrencyCatalog catalog) {
        DataState state = data.state();
        if (!state.hasRates()) {
            return 0;
        }
        try {
            return catalog.quoted().values().stream().filter(c -> c.lastDate().equals(state.newestDate())).count();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
