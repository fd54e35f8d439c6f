package io.fxrates.updater.provider;

/**
 * The fetched document is not a readable feed (malformed XML or CSV, wrong content type, empty
 * body). {@link #attempts()} says how many HTTP attempts fetching it took, for the run's audit row.
 */
public class FeedException extends RuntimeException {
    private final int attempts;

    public FeedException(String message) {
        this(message, 0, null);
    }

    public FeedException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public FeedException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }

    /** The same failure, once the number of attempts that fetched the document is known. */
    public FeedException afterAttempts(int fetchAttempts) {
        FeedException e = new FeedException(getMessage(), fetchAttempts, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
