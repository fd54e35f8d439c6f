package io.fxrates.server.http;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.fxrates.server.database.DatabaseFailures;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Turns every failure of an API request into a problem document ({@link Problems}): client
 * mistakes into their 4xx, a database that cannot answer now into a 503 with {@code Retry-After},
 * anything else into a 500 whose stack trace goes to the log, never to the client.
 */
public final class ProblemResponses {

    /** Seconds a client should wait before retrying after a 503. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOGGER = Logger.getLogger(ProblemResponses.class.getName());

    private ProblemResponses() {
    }

    /** Registers the error handlers on {@code routing}. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(req, res, e))
                .error(HttpException.class, ProblemResponses::httpException)
                .error(RequestException.class, (req, res, e) -> send(req, res, ProblemException.badRequest(
                        "malformed-request", "Malformed request", safeMessage(e))))
                .error(Exception.class, (req, res, e) -> send(req, res, classify(req, e)));
    }

    private static void httpException(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (status == Status.NOT_FOUND_404) {
            send(req, res, ProblemException.notFound("unknown-path", "Not found", "There is nothing at " + req.path().absolute().path()
                    + ". Try /v1/latest, /v1/2024-01-02, /v1/2024-01-01..2024-01-31, /v1/currencies; /openapi describes them all."));
        } else if (status.code() >= 400 && status.code() < 500) {
            send(req, res, new ProblemException(status, "malformed-request", status.reasonPhrase(),
                    e.getMessage() == null || e.getMessage().isBlank() ? "The request could not be read." : e.getMessage()));
        } else {
            send(req, res, classify(req, e));
        }
    }

    /**
     * The problem for an unexpected failure, logged once: a database outage as a warning without a
     * stack trace (it is not a bug, and it repeats), anything else as an error with its stack trace.
     */
    public static ProblemException classify(ServerRequest req, Throwable e) {
        String request = req.prologue().method().text() + " " + req.path().absolute().path();
        if (DatabaseFailures.isUnavailable(e)) {
            LOGGER.log(Level.WARNING, "Database unavailable for " + request + ": " + e.getMessage());
            return ProblemException.databaseUnavailable();
        }
        LOGGER.log(Level.SEVERE, "Unexpected failure for " + request, e);
        return ProblemException.internalError();
    }

    /** Writes {@code problem} as the response (or nothing more, when the response has already started). */
    public static void send(ServerRequest req, ServerResponse res, ProblemException problem) {
        if (res.isSent()) {
            return;
        }
        res.status(problem.status());
        SecurityHeaders.api(res);
        io.fxrates.server.logging.RequestIds.apply(res);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (problem.status() == Status.METHOD_NOT_ALLOWED_405) {
            res.header(HeaderNames.ALLOW, "GET, HEAD");
        }
        if (problem.status() == Status.SERVICE_UNAVAILABLE_503) {
            res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        res.headers().contentType(Problems.PROBLEM_JSON);
        res.send(Problems.json(problem, req.path().absolute().path()));
    }

    private static String safeMessage(RequestException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "The request could not be read." : message;
    }
}
