package io.fxrates.server.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that cannot answer now (down, unreachable, overloaded, failing over, too slow)
 * from every other database failure (a bug: bad SQL, a missing table, a constraint), by the
 * exception's type and SQLState. The first is an outage, answered 503 with {@code Retry-After}
 * and logged without a stack trace; the second is answered 500 and logged with one.
 */
public final class DatabaseFailures {

    /**
     * SQLState classes of unavailability (PostgreSQL, Appendix A): 08 connection exception,
     * 53 insufficient resources (too many connections, out of memory or disk), 57 operator
     * intervention (57014 statement timeout, 57P01-57P05 shutdown, crash, cannot connect now),
     * 58 system error (I/O), 40 transaction rollback (serialization failure, deadlock: retry works).
     */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "58", "40");

    /** 25006: a read-only transaction, which is what a writer that failed over to a reader answers. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("25006");

    private DatabaseFailures() {
    }

    /** Whether {@code failure} (or a cause of it) says the database cannot answer right now. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                String state = sql.getSQLState();
                if (UNAVAILABLE_CLASSES.contains(state.substring(0, 2)) || UNAVAILABLE_STATES.contains(state)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
