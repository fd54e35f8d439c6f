package io.fxrates.updater.provider;

/** The document could not be fetched, after every retry that was allowed. */
public class FetchException extends RuntimeException {
    private final int attempts;

    public FetchException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many HTTP attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }
}
