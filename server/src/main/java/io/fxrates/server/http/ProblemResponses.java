package io.fxrates.server.http;

import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.dbclient.DbClientException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * Turns every failure into an RFC 9457 problem document: client mistakes into their 4xx, a
 * database that cannot be reached into a 503, anything else into a 500 without a stack trace
 * (the trace goes to the log, with the request's path).
 */
public final class ProblemResponses {

    /** Media type of problem documents. */
    public static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");

    private static final Logger LOGGER = Logger.getLogger(ProblemResponses.class.getName());
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    static final String TYPE_BASE = "https://fxrates.dev/problems/";

    private ProblemResponses() {
    }

    /** Registers the error handlers on {@code routing}. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(req, res, e))
                .error(HttpException.class, ProblemResponses::httpException)
                .error(RequestException.class, (req, res, e) -> send(req, res, ProblemException.badRequest(
                        "malformed-request", "Malformed request", safeMessage(e))))
                .error(Exception.class, ProblemResponses::unexpected);
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
            unexpected(req, res, e);
        }
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        if (isDatabaseFailure(e)) {
            LOGGER.log(Level.WARNING, "Database unavailable for " + req.path().absolute().path() + ": " + e.getMessage());
            res.header(HeaderNames.RETRY_AFTER, "5");
            send(req, res, ProblemException.unavailable("database-unavailable", "Database unavailable",
                    "The rates database cannot be reached right now. Try again in a few seconds."));
            return;
        }
        LOGGER.log(Level.SEVERE, "Unexpected failure for " + req.prologue().method().text() + " " + req.path().absolute().path(), e);
        send(req, res, new ProblemException(Status.INTERNAL_SERVER_ERROR_500, "internal-error", "Internal error",
                "Something went wrong on our side; it has been logged. Try again, and report it if it persists."));
    }

    /** Whether {@code e} comes from the database being unreachable or too slow. */
    public static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DbClientException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code problem} as the response (or nothing more, when the response has already started). */
    public static void send(ServerRequest req, ServerResponse res, ProblemException problem) {
        if (res.isSent()) {
            return;
        }
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", TYPE_BASE + problem.type())
                .add("title", problem.title())
                .add("status", problem.status().code())
                .add("detail", problem.detail())
                .add("instance", printable(req.path().absolute().path(), 200));
        res.status(problem.status());
        SecurityHeaders.apply(res);
        io.fxrates.server.logging.RequestIds.apply(res);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (problem.status() == Status.METHOD_NOT_ALLOWED_405) {
            res.header(HeaderNames.ALLOW, "GET, HEAD");
        }
        res.headers().contentType(PROBLEM_JSON);
        res.send(body.build().toString());
    }

    /** {@code text} without control characters, cut to {@code max} characters: safe to echo back. */
    static String printable(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }

    private static String safeMessage(RequestException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "The request could not be read." : message;
    }
}
