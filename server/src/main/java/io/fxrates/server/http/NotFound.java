package io.fxrates.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What no route matched: a problem document under {@code /v1}, with 405 for a method the API
 * does not take (it is read-only) and 404 for a path it does not have.
 */
public final class NotFound {

    private NotFound() {
    }

    /** Registers the fallbacks; call after every other route. */
    public static void register(HttpRouting.Builder routing) {
        routing.any("/v1", NotFound::api)
                .any("/v1/{+rest}", NotFound::api);
    }

    private static void api(ServerRequest req, ServerResponse res) {
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            ProblemResponses.send(req, res, new ProblemException(Status.METHOD_NOT_ALLOWED_405, "method-not-allowed",
                    "Method not allowed", "The API is read-only: use GET."));
            return;
        }
        throw ProblemException.notFound("unknown-path", "Not found",
                "There is nothing at " + req.path().absolute().path() + ". Try /v1/latest, /v1/2024-01-02, /v1/2024-01-01..2024-01-31, "
                        + "/v1/currencies, /v1/convert or /v1/change/2024-01-02..2024-06-28; /openapi describes them all.");
    }
}
