package io.fxrates.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * A malformed {@code Accept} on the routes Helidon answers itself (health, metrics, the OpenAPI
 * document), which choose their format with Helidon's own media-type parser: that parser throws,
 * and the request would end in a 500. Answered 400 here instead. The API and the pages read Accept
 * with {@link AcceptHeader}, which ignores what it cannot read, as RFC 9110 allows.
 */
public final class HeaderChecks implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.startsWith("/observe") || path.startsWith("/openapi")) {
            try {
                req.headers().acceptedTypes();
            } catch (RuntimeException malformed) {
                ProblemResponses.send(req, res, ProblemException.badRequest("malformed-header", "Malformed header",
                        "The Accept header could not be read: " + Problems.printable(String.valueOf(malformed.getMessage()), 120)));
                return;
            }
        }
        chain.proceed();
    }
}
