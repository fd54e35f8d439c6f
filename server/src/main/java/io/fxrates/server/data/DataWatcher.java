package io.fxrates.server.data;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * Follows the provider's data version in the database, so that caches are dropped the moment an
 * update lands (a new day or a correction), at the cost of one tiny query per interval rather
 * than one per request.
 */
public final class DataWatcher implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(DataWatcher.class.getName());

    private final DbClient db;
    private final String provider;
    private final List<Consumer<DataState>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private volatile DataState state;
    private volatile boolean databaseReachable;

    public DataWatcher(DbClient db, String provider) {
        this.db = db;
        this.provider = provider;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fxrates-data-watcher").factory());
        this.state = new DataState(provider, "EUR", -1, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Reads the state once now, then every {@code interval}. */
    public DataWatcher start(Duration interval) {
        refresh();
        scheduler.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Called with the new state whenever the version changes. */
    public void onChange(Consumer<DataState> listener) {
        listeners.add(listener);
    }

    /** The last state read; version -1 until the database has answered once. */
    public DataState state() {
        return state;
    }

    /** Whether the last poll reached the database. */
    public boolean databaseReachable() {
        return databaseReachable;
    }

    /** Reads the state now; quietly keeps the previous one when the database is unreachable. */
    public synchronized DataState refresh() {
        try {
            Optional<DbRow> row = db.execute().namedGet("provider-state", provider);
            if (row.isEmpty()) {
                throw new IllegalStateException("Provider " + provider + " is not in the provider table");
            }
            DataState next = toState(row.get());
            databaseReachable = true;
            DataState previous = state;
            state = next;
            if (previous.version() != next.version() || !previous.newestDate().equals(next.newestDate())) {
                listeners.forEach(listener -> listener.accept(next));
            }
        } catch (RuntimeException e) {
            if (databaseReachable) {
                LOGGER.log(Level.WARNING, "Cannot read the data version: " + e.getMessage());
            }
            databaseReachable = false;
        }
        return state;
    }

    private DataState toState(DbRow row) {
        return new DataState(provider,
                row.column("base_currency").get(String.class).strip(),
                row.column("data_version").get(Long.class),
                instant(row, "fetched_at"),
                instant(row, "changed_at"),
                Optional.ofNullable(row.column("newest_date").get(LocalDate.class)));
    }

    private static Optional<Instant> instant(DbRow row, String column) {
        Object value = row.column(column).get(Object.class);
        if (value instanceof OffsetDateTime odt) {
            return Optional.of(odt.toInstant());
        }
        if (value instanceof java.sql.Timestamp ts) {
            return Optional.of(ts.toInstant());
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
