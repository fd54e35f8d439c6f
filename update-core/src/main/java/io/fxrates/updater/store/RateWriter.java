package io.fxrates.updater.store;

import io.fxrates.schema.DataChanges;
import io.fxrates.updater.provider.PublishedRate;
import io.fxrates.updater.provider.RatesFeed;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;

/**
 * Writes one validated feed in one transaction: new rows are inserted, identical rows left alone,
 * changed rows corrected with their old and new values recorded in {@code rate_correction}; the
 * provider's {@code data_version} is bumped when anything changed and {@code fetched_at} always set;
 * the run's {@code update_run} row is closed as succeeded, and the servers are notified. Any
 * failure rolls all of it back.
 *
 * <p>The feed is first loaded into a temporary table (COPY, or batched inserts when the connection
 * is not pgjdbc's), then compared with {@code rate} in three set-based statements: a full history
 * (about 200,000 values) costs a handful of round trips, not one per row.
 *
 * <p>Concurrent runs for the same provider are serialised by a transaction-scoped advisory lock:
 * the second waits, then finds the first one's rows and leaves them unchanged.
 */
public final class RateWriter {
    /** Values differ when their numbers differ or their published texts do ("1.081" vs "1.0810"). */
    private static final String DIFFERS = "(r.rate <> s.rate OR r.rate::text <> s.rate::text)";
    private static final String SAME_KEY = "r.provider = ? AND r.rate_date = s.rate_date AND r.currency = s.currency";
    private static final int BATCH = 5000;

    private final DataSource dataSource;

    public RateWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes {@code feed} for run {@code runId}; every statement (and the wait for the lock) ends within {@code timeout}. */
    public WriteResult write(long runId, RatesFeed feed, Duration timeout) throws SQLException {
        String provider = feed.provider();
        long timeoutMs = Math.max(1000, timeout.toMillis());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    // Bounded waits: a run stuck behind another, or a slow database, fails before the
                    // run's deadline (the Lambda's time-out), so that the failure is still recorded.
                    s.execute("SET LOCAL statement_timeout = " + timeoutMs);
                    s.execute("SET LOCAL lock_timeout = " + Math.min(timeoutMs, 60_000));
                }
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, "fxrates.updater:" + provider);
                    lock.execute();
                }
                stage(c, feed.rates());

                int corrections = update(c, """
                        INSERT INTO rate_correction (run_id, provider, rate_date, currency, old_rate, new_rate)
                        SELECT ?, r.provider, r.rate_date, r.currency, r.rate, s.rate
                          FROM staged_rate s JOIN rate r ON %s
                         WHERE %s""".formatted(SAME_KEY, DIFFERS), runId, provider);
                int updated = update(c, """
                        UPDATE rate r SET rate = s.rate
                          FROM staged_rate s
                         WHERE %s AND %s""".formatted(SAME_KEY, DIFFERS), provider);
                if (corrections != updated) {
                    throw new SQLException("recorded " + corrections + " corrections but updated " + updated + " rows");
                }
                int inserted = update(c, """
                        INSERT INTO rate (provider, rate_date, currency, rate)
                        SELECT ?, s.rate_date, s.currency, s.rate
                          FROM staged_rate s
                         WHERE NOT EXISTS (SELECT 1 FROM rate r WHERE %s)""".formatted(SAME_KEY), provider, provider);
                WriteResult result = new WriteResult(inserted, updated, feed.rates().size() - inserted - updated);

                update(c, """
                        UPDATE provider
                           SET data_version = data_version + CASE WHEN ? THEN 1 ELSE 0 END,
                               changed_at = CASE WHEN ? THEN now() ELSE changed_at END,
                               fetched_at = now()
                         WHERE code = ?""", result.changedData(), result.changedData(), provider);
                closeRun(c, runId, feed, result);
                notifyServers(c, provider);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void stage(Connection c, List<PublishedRate> rates) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMPORARY TABLE staged_rate (
                        rate_date date    NOT NULL,
                        currency  char(3) NOT NULL,
                        rate      numeric NOT NULL
                    ) ON COMMIT DROP""");
        }
        if (c.isWrapperFor(PGConnection.class)) {
            copy(c.unwrap(PGConnection.class), rates);
        } else {
            batchInsert(c, rates);
        }
        try (Statement s = c.createStatement()) {
            // The planner needs to know the staged size to pick hash joins for a full history.
            s.execute("ANALYZE staged_rate");
        }
    }

    private static void copy(PGConnection pg, List<PublishedRate> rates) throws SQLException {
        StringBuilder text = new StringBuilder(rates.size() * 28);
        for (PublishedRate r : rates) {
            // toPlainString keeps the published scale and never writes an exponent.
            text.append(r.date()).append('\t').append(r.currency()).append('\t').append(r.rate().toPlainString()).append('\n');
        }
        try (Reader reader = new StringReader(text.toString())) {
            pg.getCopyAPI().copyIn("COPY staged_rate (rate_date, currency, rate) FROM STDIN", reader);
        } catch (IOException e) {
            throw new SQLException("COPY into staged_rate failed", e);
        }
    }

    private static void batchInsert(Connection c, List<PublishedRate> rates) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO staged_rate (rate_date, currency, rate) VALUES (?, ?, ?)")) {
            int n = 0;
            for (PublishedRate r : rates) {
                ps.setObject(1, r.date());
                ps.setString(2, r.currency());
                ps.setBigDecimal(3, r.rate());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * Tells the servers (LISTEN on {@link DataChanges#CHANNEL}) that this provider's data or
     * provenance changed. Sent inside the transaction, PostgreSQL delivers it at commit and drops
     * it on rollback, so a server never reloads for a write that did not happen.
     */
    private static void notifyServers(Connection c, String provider) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, DataChanges.CHANNEL);
            ps.setString(2, provider);
            ps.execute();
        }
    }

    private static void closeRun(Connection c, long runId, RatesFeed feed, WriteResult result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE update_run
                   SET finished_at = now(), outcome = 'succeeded', rows_inserted = ?, rows_updated = ?,
                       rows_unchanged = ?, newest_rate_date = ?, fetch_attempts = ?
                 WHERE id = ?""")) {
            ps.setInt(1, result.inserted());
            ps.setInt(2, result.updated());
            ps.setInt(3, result.unchanged());
            if (feed.newestDate().isPresent()) {
                ps.setObject(4, feed.newestDate().get());
            } else {
                ps.setNull(4, Types.DATE);
            }
            ps.setInt(5, feed.fetchAttempts());
            ps.setLong(6, runId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("update_run " + runId + " does not exist");
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
