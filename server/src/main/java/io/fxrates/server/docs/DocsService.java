package io.fxrates.server.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.fxrates.server.http.BuildInfo;
import io.fxrates.server.http.Gzip;
import io.fxrates.server.http.GzipNegotiation;
import io.fxrates.server.http.ReadRoutes;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /docs}: the API's reference for people, Redoc rendering the served {@code /openapi}, with
 * Redoc's standalone bundle served from this server (the org.webjars:redoc jar), so the page works
 * offline. The bundle's URL names its version and is cached for a year; its gzip bytes are made
 * once, at start.
 *
 * <pre>
 * curl http://127.0.0.1:8080/docs
 * </pre>
 */
public final class DocsService implements HttpService {

    private static final HttpMediaType HTML = HttpMediaType.create("text/html; charset=UTF-8");
    private static final HttpMediaType JAVASCRIPT = HttpMediaType.create("text/javascript; charset=UTF-8");
    private static final Header IMMUTABLE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
    private static final Header VARY = HeaderValues.create(HeaderNames.VARY, "Accept-Encoding");
    /** Redoc injects its styles and runs its search in a worker from a blob: what the page needs, no more. */
    private static final Header[] PAGE_HEADERS = {
            HeaderValues.create("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; connect-src 'self'; worker-src blob:; base-uri 'none'; frame-ancestors 'none'; "
                    + "form-action 'none'"),
            HeaderValues.create("X-Content-Type-Options", "nosniff"),
            HeaderValues.create("X-Frame-Options", "DENY"),
            HeaderValues.create("Referrer-Policy", "no-referrer"),
            HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=3600")};

    private final String bundlePath;
    private final byte[] page;
    private final byte[] bundle;
    private final byte[] bundleGzip;

    public DocsService() {
        String version = BuildInfo.current().redoc();
        this.bundlePath = "/redoc-" + version + ".standalone.js";
        this.bundle = resource("/META-INF/resources/webjars/redoc/" + version + "/redoc.standalone.js");
        this.bundleGzip = Gzip.compress(bundle);
        this.page = ("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>fxrates API reference</title>
                <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
                </head>
                <body>
                <p><a href="/">Back to the rates</a> · <a href="/openapi">OpenAPI document</a></p>
                <redoc spec-url="/openapi"></redoc>
                <script src="/docs%s"></script>
                </body>
                </html>
                """.formatted(bundlePath)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DocsService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Redoc's bundle is missing from the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        ReadRoutes.of(rules).get("/", this::page).get(bundlePath, this::bundle);
    }

    private void page(ServerRequest req, ServerResponse res) {
        for (Header header : PAGE_HEADERS) {
            res.header(header);
        }
        res.headers().contentType(HTML);
        res.send(page);
    }

    private void bundle(ServerRequest req, ServerResponse res) {
        res.header(IMMUTABLE);
        res.header(VARY);
        res.header(HeaderValues.create("X-Content-Type-Options", "nosniff"));
        res.headers().contentType(JAVASCRIPT);
        if (GzipNegotiation.accepts(req.headers())) {
            res.header(HeaderValues.create(HeaderNames.CONTENT_ENCODING, "gzip"));
            res.send(bundleGzip);
        } else {
            res.send(bundle);
        }
    }
}
