package io.fxrates.updater;

import io.fxrates.log.StructuredLogger;
import io.fxrates.schema.SchemaMigrations;
import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.FetchException;
import io.fxrates.updater.provider.HttpFetcher;
import io.fxrates.updater.provider.RateProvider;
import io.fxrates.updater.provider.RateProviders;
import io.fxrates.updater.provider.RatesFeed;
import io.fxrates.updater.store.RateWriter;
import io.fxrates.updater.store.ReferenceData;
import io.fxrates.updater.store.RunAudit;
import io.fxrates.updater.store.WriteResult;
import io.fxrates.updater.tracing.Tracer;
import io.fxrates.updater.validation.FeedValidator;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * One update run, the same everywhere (the Lambda handler, the local runner, the server's
 * embedded default): bring the schema up to date, record the run, fetch, validate everything,
 * then write in one transaction; on any failure close the run as failed with its reason and
 * leave the rates untouched.
 *
 * <p>Every run starts by applying the schema's migrations ({@link SchemaMigrations}), so a new
 * database (a new AWS environment whose Lambda runs before any app instance) needs nothing else.
 * On every run rather than once per process: on an up-to-date schema it is a lock and a read of
 * {@code flyway_schema_history} (milliseconds, next to a run's HTTP fetch), a process may talk to
 * more than one database (the local runner, tests), and a Lambda's scheduled invocations mostly
 * land on a new or restored execution environment anyway, where a per-process flag would save
 * nothing. It cannot run earlier, in a SnapStart snapshot's init: there is no connection then.
 *
 * <p>Needs no AWS class: tracing goes through {@link Tracer} ({@link Tracer#NONE} by default).
 * {@link #run(UpdateMode)} never throws for a failed run; it returns a report saying why.
 */
public final class UpdateRunner {
    private static final StructuredLogger LOG = StructuredLogger.of(UpdateRunner.class);

    private final DataSource dataSource;
    /** Untraced: Flyway's own queries are not the run's SQL (the "migrate" subsegment times them). */
    private final DataSource untraced;
    private final UpdaterSettings settings;
    private final Tracer tracer;
    private final Clock clock;
    private final ToIntFunction<DataSource> migrations;

    /** For the local runner: no tracing, the system clock. */
    public UpdateRunner(DataSource dataSource, UpdaterSettings settings) {
        this(dataSource, settings, SchemaMigrations::apply);
    }

    /**
     * For the server: no tracing, the system clock, and its own way of applying {@link SchemaMigrations}
     * (returning how many ran), which keeps Flyway out of its memory once applied.
     */
    public UpdateRunner(DataSource dataSource, UpdaterSettings settings, ToIntFunction<DataSource> migrations) {
        this(dataSource, settings, Tracer.NONE, Clock.systemUTC(), migrations);
    }

    public UpdateRunner(DataSource dataSource, UpdaterSettings settings, Tracer tracer, Clock clock) {
        this(dataSource, settings, tracer, clock, SchemaMigrations::apply);
    }

    private UpdateRunner(DataSource dataSource, UpdaterSettings settings, Tracer tracer, Clock clock,
                         ToIntFunction<DataSource> migrations) {
        this.dataSource = tracer.traceSql(dataSource);
        this.untraced = dataSource;
        this.settings = settings;
        this.tracer = tracer;
        this.clock = clock;
        this.migrations = migrations;
    }

    /**
     * One run, over by {@link UpdaterSettings#runTimeout()}: fetching (every document, every retry)
     * stops {@link UpdaterSettings#writeTimeout()} before that, and the write's statements time out
     * at it, so the run is always over in time to close its audit row.
     */
    public UpdateReport run(UpdateMode mode) {
        RunDeadline deadline = RunDeadline.in(settings.runTimeout());
        // One HTTP client per run: nothing of it outlives the run (or sits in a SnapStart snapshot).
        try (HttpFetcher fetcher = new HttpFetcher(settings.http(), deadline.minus(settings.writeTimeout()))) {
            return run(mode, fetcher, deadline);
        }
    }

    private UpdateReport run(UpdateMode mode, HttpFetcher fetcher, RunDeadline deadline) {
        long started = System.nanoTime();
        String providerCode = settings.provider();
        Run run = new Run(providerCode, mode, started);
        Map<String, Object> starting = new LinkedHashMap<>();
        starting.put("provider", providerCode);
        starting.put("mode", mode.value());
        LOG.info("update run starting", starting);

        Set<String> knownCurrencies;
        String baseCurrency;
        RateProvider provider;
        try {
            migrate();
            provider = RateProviders.create(settings, fetcher, tracer);
            ReferenceData reference = new ReferenceData(dataSource);
            knownCurrencies = reference.knownCurrencies();
            baseCurrency = reference.baseCurrency(providerCode);
            run.id = new RunAudit(dataSource).start(providerCode, mode);
        } catch (SQLException | RuntimeException e) {
            // Nothing was recorded: the database is unreachable, its schema could not be brought
            // up to date, or the provider is unknown.
            return finish(run.failed(describe(e)));
        }

        try {
            long phase = System.nanoTime();
            RatesFeed feed = provider.fetch(mode);
            phase = run.timed("fetchAndParse", phase);
            run.fetchAttempts = feed.fetchAttempts();
            run.newest = feed.newestDate().orElse(null);
            new FeedValidator(knownCurrencies, clock).validate(feed, baseCurrency);
            phase = run.timed("validate", phase);
            WriteResult result = tracer.trace("write", () -> {
                try {
                    return new RateWriter(dataSource).write(run.id, feed, deadline.remaining());
                } catch (SQLException e) {
                    throw new WriteFailedException(e);
                }
            });
            run.timed("write", phase);
            return finish(run.succeeded(result), run.timings);
        } catch (FetchException e) {
            run.fetchAttempts = e.attempts();
            return finish(recordFailure(run, e.getMessage()));
        } catch (FeedException e) {
            run.fetchAttempts = Math.max(run.fetchAttempts, e.attempts());
            return finish(recordFailure(run, e.getMessage()));
        } catch (WriteFailedException e) {
            return finish(recordFailure(run, describe(e.getCause())));
        } catch (RuntimeException e) {
            return finish(recordFailure(run, describe(e)));
        }
    }

    /** Applies pending migrations (usually none); a failure fails the run before anything is recorded. */
    private void migrate() {
        long started = System.nanoTime();
        int applied;
        try {
            applied = tracer.trace("migrate", () -> migrations.applyAsInt(untraced));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the database schema could not be brought up to date: "
                    + describeMigrationFailure(e), e);
        }
        if (applied > 0) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("migrationsApplied", applied);
            fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
            LOG.info("database schema migrated", fields);
        }
    }

    /**
     * Flyway's messages span several lines with rulers and repeat the SQL state: the SQLException
     * underneath (an unreachable database) or else the message's first line (a failed validation).
     */
    private static String describeMigrationFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return describe(sql);
            }
        }
        String message = describe(e).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    private UpdateReport recordFailure(Run run, String error) {
        try {
            new RunAudit(dataSource).fail(run.id, run.fetchAttempts, run.newest, error);
        } catch (SQLException e) {
            error = error + " (and the failure could not be recorded: " + describe(e) + ")";
        }
        return run.failed(error);
    }

    private static UpdateReport finish(UpdateReport report) {
        return finish(report, Map.of());
    }

    private static UpdateReport finish(UpdateReport report, Map<String, Long> timings) {
        Map<String, Object> fields = new LinkedHashMap<>(report.toMap());
        // The log schema's error member is an object ({"message": ...}), as for exceptions.
        fields.remove("error");
        if (report.error() != null) {
            fields.put("error", Map.of("message", report.error()));
        }
        if (!timings.isEmpty()) {
            fields.put("phasesMs", timings);
        }
        if (report.succeeded()) {
            LOG.info("update run succeeded", fields);
        } else {
            LOG.error("update run failed", fields);
        }
        return report;
    }

    private static String describe(Throwable e) {
        if (e instanceof SQLException sql) {
            return "database error" + (sql.getSQLState() == null ? "" : " " + sql.getSQLState()) + ": " + sql.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** What is known so far about the run in progress. */
    private static final class Run {
        final String provider;
        final UpdateMode mode;
        final long startedNanos;
        Long id;
        int fetchAttempts;
        LocalDate newest;
        final Map<String, Long> timings = new LinkedHashMap<>();

        Run(String provider, UpdateMode mode, long startedNanos) {
            this.provider = provider;
            this.mode = mode;
            this.startedNanos = startedNanos;
        }

        UpdateReport succeeded(WriteResult r) {
            return new UpdateReport(id, provider, mode, UpdateReport.Outcome.SUCCEEDED, r.inserted(), r.updated(),
                    r.unchanged(), newest, fetchAttempts, elapsed(), null);
        }

        UpdateReport failed(String error) {
            return new UpdateReport(id, provider, mode, UpdateReport.Outcome.FAILED, 0, 0, 0, newest, fetchAttempts,
                    elapsed(), error);
        }

        /** Records how long a phase that began at {@code since} took; returns now, the next phase's start. */
        long timed(String phase, long since) {
            long now = System.nanoTime();
            timings.put(phase, (now - since) / 1_000_000);
            return now;
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
    }

    /** Carries a SQLException out of the traced lambda. */
    private static final class WriteFailedException extends RuntimeException {
        WriteFailedException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
