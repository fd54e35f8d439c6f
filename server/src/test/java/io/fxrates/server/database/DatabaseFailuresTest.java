package io.fxrates.server.database;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An outage is told from a bug by SQLState and type, wherever it sits in the cause chain. */
class DatabaseFailuresTest {

    private static SQLException state(String sqlState) {
        return new SQLException("from PostgreSQL", sqlState);
    }

    @Test
    void connectionAndAvailabilityClassesAreUnavailability() {
        for (String state : new String[] {"08001", "08006", "08P01", "53300", "53100", "57014", "57P01", "57P03", "58030",
                "40001", "40P01", "25006"}) {
            assertTrue(DatabaseFailures.isUnavailable(state(state)), state);
            assertTrue(DatabaseFailures.isUnavailable(new IllegalStateException("wrapped", state(state))), state + " wrapped");
        }
    }

    @Test
    void thePoolsTimeoutAndTheDriversIoErrorsAreUnavailability() {
        assertTrue(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("fxrates - Connection is not available")));
        assertTrue(DatabaseFailures.isUnavailable(new IllegalStateException("no connection",
                new SQLException("An I/O error occurred", "08006", new SocketTimeoutException("Read timed out")))));
    }

    @Test
    void everythingElseIsABug() {
        for (String state : new String[] {"42P01", "42703", "22003", "23505", "XX000", "0A000", "25P02"}) {
            assertFalse(DatabaseFailures.isUnavailable(state(state)), state);
        }
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("no state")));
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("odd state", "8")));
        assertFalse(DatabaseFailures.isUnavailable(new NullPointerException()));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("wrapped", new SQLException("bad", "42601"))));
    }
}
