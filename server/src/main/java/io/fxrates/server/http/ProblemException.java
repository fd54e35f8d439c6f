package io.fxrates.server.http;

import io.helidon.http.Status;

/**
 * A request that cannot be answered, with what the client can do about it. Rendered as RFC 9457
 * {@code application/problem+json} by {@link ProblemResponses}.
 */
public final class ProblemException extends RuntimeException {

    private final Status status;
    private final String type;
    private final String title;

    /**
     * @param status HTTP status
     * @param type   short stable slug for the kind of problem, for example {@code invalid-date};
     *               clients can switch on it
     * @param title  short summary of the kind of problem
     * @param detail what was wrong with this request and how to fix it
     */
    public ProblemException(Status status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** 400: a parameter or path segment that cannot be read or is out of range. */
    public static ProblemException badRequest(String type, String title, String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, type, title, detail);
    }

    /** 404: a well-formed request for something that does not exist. */
    public static ProblemException notFound(String type, String title, String detail) {
        return new ProblemException(Status.NOT_FOUND_404, type, title, detail);
    }

    /** 422: a well-formed request the data cannot answer (for example a base not quoted that day). */
    public static ProblemException unprocessable(String type, String title, String detail) {
        return new ProblemException(Status.UNPROCESSABLE_CONTENT_422, type, title, detail);
    }

    /** 503: the service cannot answer now (database down, no rates loaded yet). */
    public static ProblemException unavailable(String type, String title, String detail) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE_503, type, title, detail);
    }

    /** 503: the database cannot be reached or does not answer in time; sent with {@code Retry-After}. */
    public static ProblemException databaseUnavailable() {
        return unavailable("database-unavailable", "Database unavailable",
                "The rates database cannot be reached right now. Try again in a few seconds.");
    }

    /** 500: a failure of ours; the details go to the log, never to the client. */
    public static ProblemException internalError() {
        return new ProblemException(Status.INTERNAL_SERVER_ERROR_500, "internal-error", "Internal error",
                "Something went wrong on our side; it has been logged. Try again, and report it if it persists.");
    }

    public Status status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
