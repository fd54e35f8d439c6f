package io.fxrates.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;

/**
 * Security headers on every response. The pages use no script and no inline style attribute
 * from user input, so the CSP allows only this origin's own stylesheet and images.
 */
public final class SecurityHeaders implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        apply(res);
        chain.proceed();
    }

    /** Sets the headers on {@code res}; error handlers call it again, as Helidon resets headers on errors. */
    public static void apply(ServerResponse res) {
        res.header(HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY));
        res.header(HeaderValues.create("X-Content-Type-Options", "nosniff"));
        res.header(HeaderValues.create("X-Frame-Options", "DENY"));
        res.header(HeaderValues.create("Referrer-Policy", "no-referrer"));
        res.header(HeaderValues.create("Cross-Origin-Opener-Policy", "same-origin"));
        res.header(HeaderValues.create("Permissions-Policy", "geolocation=(), camera=(), microphone=()"));
    }
}
