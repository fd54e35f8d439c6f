package io.fxrates.server.http;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.data.DataState;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Validators and freshness for answers built from the rates.
 *
 * <p>The ETag is strong and derives from the provider's data version and what was asked, so it
 * changes exactly when the answer can change (a new day, or a correction to an old one).
 * {@code Cache-Control} lets caches keep an answer until the next expected publication, never
 * longer. Provenance travels in headers, so the Frankfurter-shaped bodies stay unchanged.
 */
public final class HttpCaching {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
            .withLocale(Locale.ROOT);

    private final PublicationSchedule schedule;

    public HttpCaching(PublicationSchedule schedule) {
        this.schedule = schedule;
    }

    /** The strong ETag for an answer to {@code key} built from {@code state}. */
    public static String etag(DataState state, String key) {
        return "\"" + state.provider().toLowerCase(Locale.ROOT) + "-" + state.version() + "-"
                + Integer.toHexString(key.hashCode()) + "\"";
    }

    /**
     * Sets the validators, freshness and provenance headers; answers 304 and returns
     * {@code true} when the client already holds this version.
     */
    public boolean notModified(ServerRequest req, ServerResponse res, DataState state, String key) {
        // A strong validator names one representation: the gzip-encoded one gets its own.
        String etag = GzipNegotiation.accepts(req.headers()) ? etag(state, key).replaceFirst("\"$", "-gzip\"") : etag(state, key);
        res.header(HeaderNames.ETAG, etag);
        Duration maxAge = schedule.maxAge(state.newestDate());
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=" + maxAge.toSeconds());
        res.header(HeaderValues.create(HeaderNames.VARY, "Accept, Accept-Encoding"));
        res.header("X-Rates-Provider", state.provider());
        state.fetchedAt().ifPresent(at -> res.header("X-Rates-Fetched-At", at.toString()));
        state.changedAt().ifPresent(at -> res.header(HeaderNames.LAST_MODIFIED, HTTP_DATE.format(at)));
        if (matches(req, etag)) {
            res.status(Status.NOT_MODIFIED_304);
            res.headers().remove(HeaderNames.CONTENT_TYPE);
            res.send();
            return true;
        }
        return false;
    }

    private static boolean matches(ServerRequest req, String etag) {
        if (!req.headers().contains(HeaderNames.IF_NONE_MATCH)) {
            return false;
        }
        for (String value : req.headers().get(HeaderNames.IF_NONE_MATCH).allValues(false)) {
            for (String candidate : entityTags(value)) {
                // If-None-Match compares weakly (RFC 9110, 13.1.2).
                String opaque = candidate.startsWith("W/") ? candidate.substring(2) : candidate;
                if (candidate.equals("*") || opaque.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The entity tags of one header value: commas inside quotes do not separate. */
    static java.util.List<String> entityTags(String value) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                tags.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        tags.add(current.toString().strip());
        tags.removeIf(String::isEmpty);
        return tags;
    }
}
