package io.fxrates.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.model.RatesModel;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Validators and freshness for answers built from the rates.
 *
 * <p>The ETag is strong and a real digest (SHA-256, 128 bits kept) of the build, the provider,
 * its data version, the question as resolved (the date {@code latest} resolved to, not today's)
 * and the representation with its encoding: it changes exactly when the bytes can change.
 * {@code Cache-Control} lets caches keep an answer until the next expected publication, never
 * longer. Provenance travels in headers, so the Frankfurter-shaped bodies stay unchanged. What
 * depends only on the model is computed once per model, {@code Cache-Control} once per second.
 */
public final class HttpCaching {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
            .withLocale(Locale.ROOT);
    private static final Header VARY = HeaderValues.create(HeaderNames.VARY, "Accept, Accept-Encoding");
    private static final Header NO_CACHE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache");
    private static final Duration OVERDUE_MAX_AGE = Duration.ofMinutes(5);
    private static final Duration MIN_MAX_AGE = Duration.ofMinutes(1);

    /** What the headers of every answer from one model share. */
    private record ModelHeaders(long generation, Header provider, Header fetchedAt, Header lastModified,
                                Instant lastModifiedAt, Instant nextPublication) {
    }

    /** {@code Cache-Control} as computed for one second of one model. */
    private record SecondsLeft(long generation, long epochSecond, Header cacheControl) {
    }

    private final PublicationSchedule schedule;
    private final Clock clock;
    private final byte[] build;
    private volatile ModelHeaders modelHeaders;
    private volatile SecondsLeft secondsLeft;

    public HttpCaching(PublicationSchedule schedule) {
        this(schedule, BuildInfo.current());
    }

    /** As {@link #HttpCaching(PublicationSchedule)}, for the answers of {@code build}: another build, other ETags. */
    public HttpCaching(PublicationSchedule schedule, BuildInfo build) {
        this.schedule = schedule;
        this.clock = schedule.clock();
        this.build = (build.version() + "|" + build.built() + "|").getBytes(StandardCharsets.UTF_8);
    }

    /** The strong ETag of the answer to {@code question} from {@code model}, as {@code type}, gzip-encoded or not. */
    public String etag(RatesModel model, String question, HttpMediaType type, boolean gzip) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha256.update(build);
        sha256.update((model.provider() + "|" + model.version() + "|" + question + "|" + type.text() + "|" + (gzip ? "gzip" : "identity"))
                .getBytes(StandardCharsets.UTF_8));
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256.digest(), 16));
        return "\"" + model.provider().toLowerCase(Locale.ROOT) + "-" + model.version() + "-" + digest + (gzip ? "-gzip" : "") + "\"";
    }

    /**
     * Sets the validators, freshness and provenance headers of an answer from {@code model};
     * answers 304 and returns {@code true} when the client already holds it.
     */
    public boolean notModified(ServerRequest req, ServerResponse res, RatesModel model, String etag) {
        return notModified(req, res, model, etag, false);
    }

    /**
     * As {@link #notModified(ServerRequest, ServerResponse, RatesModel, String)}; a {@code page}
     * (HTML, which shows provenance and "today") is {@code no-cache}: kept, but revalidated every time.
     */
    public boolean notModified(ServerRequest req, ServerResponse res, RatesModel model, String etag, boolean page) {
        ModelHeaders shared = modelHeaders(model);
        res.header(HeaderValues.create(HeaderNames.ETAG, etag));
        res.header(page ? NO_CACHE : cacheControl(shared));
        res.header(VARY);
        if (!page) {
            SecurityHeaders.api(res);
        }
        res.header(shared.provider());
        if (shared.fetchedAt() != null) {
            res.header(shared.fetchedAt());
        }
        if (shared.lastModified() != null) {
            res.header(shared.lastModified());
        }
        if (matches(req, etag, shared.lastModifiedAt())) {
            res.status(Status.NOT_MODIFIED_304);
            res.headers().remove(HeaderNames.CONTENT_TYPE);
            res.send();
            return true;
        }
        return false;
    }

    private ModelHeaders modelHeaders(RatesModel model) {
        ModelHeaders shared = modelHeaders;
        if (shared == null || shared.generation() != model.generation()) {
            Instant changed = model.changedAt().orElse(null);
            shared = new ModelHeaders(model.generation(),
                    HeaderValues.create("X-Rates-Provider", model.provider()),
                    model.fetchedAt().map(at -> HeaderValues.create("X-Rates-Fetched-At", at.toString())).orElse(null),
                    changed == null ? null : HeaderValues.create(HeaderNames.LAST_MODIFIED, HTTP_DATE.format(changed)),
                    changed == null ? null : changed.truncatedTo(ChronoUnit.SECONDS),
                    schedule.nextPublication(model.state().newestDate()));
            modelHeaders = shared;
        }
        return shared;
    }

    private Header cacheControl(ModelHeaders shared) {
        long now = clock.millis() / 1000;
        SecondsLeft left = secondsLeft;
        if (left == null || left.generation() != shared.generation() || left.epochSecond() != now) {
            Duration untilNext = Duration.between(Instant.ofEpochSecond(now), shared.nextPublication());
            Duration maxAge = !untilNext.isPositive() ? OVERDUE_MAX_AGE
                    : untilNext.compareTo(MIN_MAX_AGE) < 0 ? MIN_MAX_AGE : untilNext;
            left = new SecondsLeft(shared.generation(), now,
                    HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=" + maxAge.toSeconds()));
            secondsLeft = left;
        }
        return left.cacheControl();
    }

    /**
     * If-None-Match (compared weakly, RFC 9110 13.1.2) decides when present; otherwise
     * If-Modified-Since, when it is a valid HTTP date not before the last change. Malformed values
     * match nothing, so the client simply gets the answer.
     */
    static boolean matches(ServerRequest req, String etag, Instant lastModified) {
        if (req.headers().contains(HeaderNames.IF_NONE_MATCH)) {
            for (String value : req.headers().get(HeaderNames.IF_NONE_MATCH).allValues(false)) {
                for (String candidate : entityTags(value)) {
                    String opaque = candidate.startsWith("W/") ? candidate.substring(2) : candidate;
                    if (candidate.equals("*") || opaque.equals(etag)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (lastModified != null && req.headers().contains(HeaderNames.IF_MODIFIED_SINCE)) {
            List<String> values = req.headers().get(HeaderNames.IF_MODIFIED_SINCE).allValues(false);
            if (values.size() == 1) {
                try {
                    Instant since = ZonedDateTime.parse(values.getFirst().strip(), HTTP_DATE).toInstant();
                    return !lastModified.isAfter(since);
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The entity tags of one header value: commas inside quotes do not separate. */
    static List<String> entityTags(String value) {
        List<String> tags = new ArrayList<>();
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
