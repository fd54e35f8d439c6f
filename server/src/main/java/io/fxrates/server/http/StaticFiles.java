package io.fxrates.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The UI's few static files ({@code /static/...}: the stylesheet, the icon), read once at start,
 * with a strong ETag and their gzip bytes made once. Rather than Helidon's StaticContentService,
 * which answered a malformed If-Modified-Since or If-Unmodified-Since with a 500: here validators
 * are compared as RFC 9110 says, and a malformed one matches nothing.
 */
public final class StaticFiles implements HttpService {

    /** The files, by name under {@code static/} on the classpath, and their media types. */
    private static final Map<String, String> FILES = Map.of(
            "fxrates.css", "text/css; charset=UTF-8",
            "favicon.svg", "image/svg+xml");
    private static final Header CACHE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
    private static final Header VARY = HeaderValues.create(HeaderNames.VARY, "Accept-Encoding");

    private record File(byte[] body, byte[] gzip, HttpMediaType type, String etag) {
    }

    private final Map<String, File> files = new TreeMap<>();

    public StaticFiles() {
        FILES.forEach((name, type) -> {
            byte[] body = read("static/" + name);
            files.put(name, new File(body, Gzip.compress(body), HttpMediaType.create(type), etag(body)));
        });
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing static file " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        ReadRoutes.of(rules).get("/{name}", this::file);
    }

    private void file(ServerRequest req, ServerResponse res) {
        File file = files.get(req.path().pathParameters().get("name"));
        if (file == null) {
            throw ProblemException.notFound("unknown-path", "Not found", "There is no static file at " + req.path().path() + ".");
        }
        boolean gzip = GzipNegotiation.accepts(req.headers());
        String etag = gzip ? file.etag().replaceFirst("\"$", "-gzip\"") : file.etag();
        res.header(HeaderValues.create(HeaderNames.ETAG, etag));
        res.header(CACHE);
        res.header(VARY);
        SecurityHeaders.api(res);
        if (matches(req, etag)) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.headers().contentType(file.type());
        if (gzip) {
            res.header(Gzip.CONTENT_ENCODING);
            res.send(file.gzip());
        } else {
            res.send(file.body());
        }
    }

    private static boolean matches(ServerRequest req, String etag) {
        if (!req.headers().contains(HeaderNames.IF_NONE_MATCH)) {
            return false;
        }
        List<String> values = req.headers().get(HeaderNames.IF_NONE_MATCH).allValues(false);
        for (String value : values) {
            for (String candidate : HttpCaching.entityTags(value)) {
                String opaque = candidate.startsWith("W/") ? candidate.substring(2) : candidate;
                if (candidate.equals("*") || opaque.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
