package io.fxrates.server.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fxrates.server.database.DatabaseFailures;
import io.fxrates.server.model.ModelLoader;
import io.fxrates.server.model.RatesModel;

/**
 * The rates the server answers from: the current {@link RatesModel}, loaded from PostgreSQL at
 * start and replaced whole whenever the provider's data version changes. Requests never wait on
 * the database: they read {@link #current()}, which stays the last model loaded while the
 * database is away.
 *
 * <p>One thread ({@code fxrates-data}) does all the work, in order: make the schema ready (with
 * retries and backoff while the database does not answer), load the model, then follow the data:
 * the updater's commit notifies ({@link ChangeNotifications}, PostgreSQL LISTEN/NOTIFY) and the
 * provider's version is also polled every {@code pollInterval} as a fallback. A new version is
 * loaded in one consistent transaction and swapped in atomically; an update that changed only
 * the provenance (a run that found nothing new) swaps in the same arrays with the new times.
 */
public final class RatesData implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(RatesData.class.getName());
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What the thread runs before the first load: applying or checking the schema. */
    @FunctionalInterface
    public interface SchemaStep {
        void prepare() throws Exception;
    }

    private final ModelLoader loader;
    private final SchemaStep schema;
    private final Duration pollInterval;
    private final Clock clock;
    private final BlockingQueue<Object> wakeUps = new ArrayBlockingQueue<>(1);
    private final List<Consumer<RatesModel>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> schemaReady = new CompletableFuture<>();
    private final CompletableFuture<RatesModel> firstModel = new CompletableFuture<>();
    private final Thread thread;
    private volatile RatesModel current;
    private volatile DatabaseStatus database = DatabaseStatus.unknown();
    private volatile LoadFigures lastLoad;
    private volatile boolean running = true;
    private String lastBug;

    /** How the database answered lately: reachable, or unreachable since when and why. */
    public record DatabaseStatus(boolean reachable, Optional<Instant> unreachableSince, Optional<String> lastError) {
        static DatabaseStatus unknown() {
            return new DatabaseStatus(false, Optional.empty(), Optional.of("not asked yet"));
        }
    }

    /** The last model load: when, how long it took, what it holds. */
    public record LoadFigures(Instant at, Duration took, long version, int days, int series, long bytes) {
    }

    private RatesData(ModelLoader loader, SchemaStep schema, Duration pollInterval, Clock clock) {
        this.loader = loader;
        this.schema = schema;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("fxrates-data").unstarted(this::run);
    }

    /** Starts following the data; {@link #awaitFirstModel} waits for the first load. */
    public static RatesData start(ModelLoader loader, SchemaStep schema, Duration pollInterval, Clock clock) {
        RatesData data = new RatesData(loader, schema, pollInterval, clock);
        data.thread.start();
        return data;
    }

    /** The model requests answer from, or null until the first load. */
    public RatesModel current() {
        return current;
    }

    public DatabaseStatus database() {
        return database;
    }

    /** The last load's figures, or null before the first. */
    public LoadFigures lastLoad() {
        return lastLoad;
    }

    /** Completes once the schema is ready (applied or checked), the first thing the thread does. */
    public CompletableFuture<Void> schemaReady() {
        return schemaReady;
    }

    /** Waits up to {@code timeout} for the first model; returns whether it is there. */
    public boolean awaitFirstModel(Duration timeout) {
        try {
            firstModel.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called with every new model (a new version, or new provenance), after it is current. */
    public void onSwap(Consumer<RatesModel> listener) {
        listeners.add(listener);
    }

    /** Asks the thread to look at the data now (a notification arrived). */
    public void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        while (running && !schemaReady.isDone()) {
            try {
                schema.prepare();
                schemaReady.complete(null);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failed("preparing the schema", e);
                backoff = sleep(backoff);
            }
        }
        backoff = MIN_BACKOFF;
        while (running) {
            try {
                if (current == null) {
                    load();
                    backoff = MIN_BACKOFF;
                }
                waitForChange();
                if (running) {
                    follow();
                }
                backoff = MIN_BACKOFF;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failed(current == null ? "loading the rates" : "following the rates", e);
                backoff = sleep(backoff);
            }
        }
    }

    /** Reads the provider's version; loads a new model when it changed, swaps provenance when only that did. */
    private void follow() throws Exception {
        ModelLoader.StoredState stored = loader.state();
        reachable();
        RatesModel model = current;
        if (model == null || stored.version() != model.version()) {
            load();
        } else if (!stored.fetchedAt().equals(model.fetchedAt()) || !stored.changedAt().equals(model.changedAt())) {
            swap(model.withProvenance(stored.fetchedAt(), stored.changedAt()));
        }
    }

    private void load() throws Exception {
        long started = System.nanoTime();
        RatesModel model = loader.load();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        reachable();
        lastLoad = new LoadFigures(clock.instant(), took, model.version(), model.dayCount(), model.seriesCount(), model.bytes());
        LOGGER.info("Loaded " + model.provider() + " rates version " + model.version() + ": " + model.dayCount() + " dates, "
                + model.seriesCount() + " series, " + model.bytes() / 1024 + " kB, in " + took.toMillis() + " ms");
        swap(model);
    }

    private void swap(RatesModel model) {
        current = model;
        firstModel.complete(model);
        for (Consumer<RatesModel> listener : listeners) {
            try {
                listener.accept(model);
            } catch (RuntimeException e) {
                LOGGER.log(Level.SEVERE, "A listener failed on the new rates", e);
            }
        }
    }

    private void waitForChange() throws InterruptedException {
        wakeUps.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reachable() {
        if (!database.reachable()) {
            if (database.unreachableSince().isPresent()) {
                LOGGER.info("The database answers again (unreachable since " + database.unreachableSince().get() + ")");
            }
            database = new DatabaseStatus(true, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Records a failure: an outage (the database does not answer) once as a warning, without a
     * stack trace; anything else (a bug, a schema that does not fit) as an error with one, once
     * per distinct message. Either way the thread retries with backoff.
     */
    private void failed(String what, Exception e) {
        DatabaseStatus before = database;
        String reason = describe(e);
        if (!running) {
            return;
        }
        if (!DatabaseFailures.isUnavailable(e)) {
            if (!reason.equals(lastBug)) {
                lastBug = reason;
                LOGGER.log(Level.SEVERE, "Failed " + what + "; retrying", e);
            }
            database = new DatabaseStatus(before.reachable(), before.unreachableSince(), Optional.of(what + ": " + reason));
            return;
        }
        Instant since = before.unreachableSince().orElse(clock.instant());
        database = new DatabaseStatus(false, Optional.of(since), Optional.of(what + ": " + reason));
        if (before.unreachableSince().isEmpty()) {
            LOGGER.log(Level.WARNING, "The database does not answer (" + what + "); answering from the "
                    + (current == null ? "rates once loaded" : "rates in memory, version " + current.version())
                    + ", retrying: " + reason);
        }
    }

    /** The failure and, when it wraps another (a pool time-out wraps the login's failure), its root cause. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private Duration sleep(Duration backoff) {
        try {
            // A notification (the database is back and an update committed) ends the wait early.
            wakeUps.poll(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
