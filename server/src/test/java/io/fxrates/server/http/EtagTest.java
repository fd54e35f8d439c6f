package io.fxrates.server.http;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.currencies.Currency;
import io.fxrates.server.model.ModelBuilder;
import io.fxrates.server.model.RatesModel;

import io.helidon.http.HttpMediaType;
import io.helidon.http.HttpMediaTypes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ETag is a digest of everything the bytes depend on, and of nothing else (the clock is not in it). */
class EtagTest {

    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "2026-12-01T10:00:00Z", "2.5.1");
    private static final HttpMediaType JSON = HttpMediaTypes.JSON_UTF_8;
    private static final HttpMediaType CSV = HttpMediaType.create("text/csv; charset=UTF-8");

    private static RatesModel model(long version) {
        Map<String, Currency> iso = Map.of("USD", new Currency("USD", "US dollar", 2, false, Optional.empty(), Optional.empty()));
        ModelBuilder builder = new ModelBuilder("ECB", "EUR", iso);
        builder.add((int) LocalDate.of(2025, 5, 9).toEpochDay(), "USD", "1.1252");
        return builder.build(version, Optional.empty(), Optional.empty());
    }

    private static HttpCaching caching(BuildInfo build, String now) {
        return new HttpCaching(PublicationSchedule.ecb(Clock.fixed(Instant.parse(now), ZoneOffset.UTC)), build);
    }

    @Test
    void theSameAnswerHasTheSameEtagBeforeAndAfterMidnight() {
        RatesModel model = model(7);
        String before = caching(BUILD, "2025-05-12T23:59:59Z").etag(model, "latest|2025-05-09|EUR", JSON, false);
        String after = caching(BUILD, "2025-05-13T00:00:01Z").etag(model, "latest|2025-05-09|EUR", JSON, false);
        assertEquals(before, after);
        assertEquals(before, caching(BUILD, "2025-05-12T23:59:59Z").etag(model(7), "latest|2025-05-09|EUR", JSON, false),
                "a model reloaded at the same data version answers the same ETag");
    }

    @Test
    void everythingTheBytesDependOnChangesTheEtag() {
        HttpCaching caching = caching(BUILD, "2025-05-12T12:00:00Z");
        RatesModel model = model(7);
        List<String> etags = List.of(
                caching.etag(model, "latest|2025-05-09|EUR", JSON, false),
                caching.etag(model, "latest|2025-05-09|EUR", JSON, true),
                caching.etag(model, "latest|2025-05-09|EUR", CSV, false),
                caching.etag(model, "latest|2025-05-09|USD", JSON, false),
                caching.etag(model(8), "latest|2025-05-09|EUR", JSON, false),
                caching(new BuildInfo("1.0.1", BUILD.built(), BUILD.redoc()), "2025-05-12T12:00:00Z")
                        .etag(model, "latest|2025-05-09|EUR", JSON, false),
                caching(new BuildInfo(BUILD.version(), "2026-12-02T10:00:00Z", BUILD.redoc()), "2025-05-12T12:00:00Z")
                        .etag(model, "latest|2025-05-09|EUR", JSON, false));
        Set<String> distinct = new HashSet<>(etags);
        assertEquals(etags.size(), distinct.size(), "representation, encoding, question, data version and build each count: " + etags);
        for (String etag : etags) {
            assertTrue(etag.matches("\"ecb-[78]-[A-Za-z0-9_-]{22}(-gzip)?\""), etag);
        }
        assertNotEquals(etags.get(0), etags.get(1));
        assertTrue(etags.get(1).endsWith("-gzip\""), "the gzip representation says so: " + etags.get(1));
    }
}
