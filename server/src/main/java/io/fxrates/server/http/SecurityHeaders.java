package io.fxrates.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/**
 * Security headers: the HTML documents' (a CSP that allows only this origin's stylesheet and
 * images: the pages use no script; no framing; no referrer) on pages only, and on every answer
 * the one an API needs ({@code X-Content-Type-Options: nosniff}). Created once, set per response.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Header NOSNIFF = HeaderValues.create("X-Content-Type-Options", "nosniff");
    private static final Header[] PAGE = {
            HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            NOSNIFF,
            HeaderValues.create("X-Frame-Options", "DENY"),
            HeaderValues.create("Referrer-Policy", "no-referrer"),
            HeaderValues.create("Cross-Origin-Opener-Policy", "same-origin"),
            HeaderValues.create("Permissions-Policy", "geolocation=(), camera=(), microphone=()")};

    private SecurityHeaders() {
    }

    /** The headers of an HTML page; error handlers call it again, as Helidon resets headers on errors. */
    public static void page(ServerResponse res) {
        for (Header header : PAGE) {
            res.header(header);
        }
    }

    /** The headers of an API answer (JSON, CSV, problem documents). */
    public static void api(ServerResponse res) {
        res.header(NOSNIFF);
    }
}
