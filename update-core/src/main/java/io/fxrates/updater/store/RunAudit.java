package io.fxrates.updater.store;

import io.fxrates.updater.UpdateMode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * The {@code update_run} row of each run. It is opened in its own committed transaction before
 * fetching, so that even a run that fails (or dies) leaves a trace; a successful run closes it in
 * the same transaction as its rate writes ({@link RateWriter}), a failed one here.
 */
public final class RunAudit {
    /** update_run.error is text, but an error message need not be a novel. */
    private static final int MAX_ERROR_LENGTH = 4000;

    private final DataSource dataSource;

    public RunAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A run still "running" after this long is dead (Lambda stops a run after 15 minutes at most):
     * the next run closes it as failed, so the audit never shows a run that runs forever.
     */
    static final String ABANDONED_AFTER = "1 hour";

    /** Records the start of a run and returns its id. */
    public long start(String provider, UpdateMode mode) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement abandoned = c.prepareStatement("""
                     UPDATE update_run
                        SET finished_at = now(), outcome = 'failed',
                            error = 'abandoned: still running after %s (the process died or timed out)'
                      WHERE provider = ? AND outcome = 'running' AND started_at < now() - interval '%s'"""
                     .formatted(ABANDONED_AFTER, ABANDONED_AFTER));
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO update_run (provider, mode, started_at, outcome) VALUES (?, ?, now(), 'running') RETURNING id")) {
            c.setAutoCommit(true);
            abandoned.setString(1, provider);
            abandoned.executeUpdate();
            ps.setString(1, provider);
            ps.setString(2, mode.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Closes the run as failed, with the reason. Its rate writes (if any began) were rolled back. */
    public void fail(long runId, int fetchAttempts, LocalDate newestRateDate, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE update_run
                        SET finished_at = now(), outcome = 'failed', error = ?, fetch_attempts = ?, newest_rate_date = ?
                      WHERE id = ?""")) {
            c.setAutoCommit(true);
            String message = error == null || error.isBlank() ? "unknown error" : error;
            ps.setString(1, message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "..." : message);
            ps.setInt(2, fetchAttempts);
            if (newestRateDate == null) {
                ps.setNull(3, Types.DATE);
            } else {
                ps.setObject(3, newestRateDate);
            }
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
    }
}
