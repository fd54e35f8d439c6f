package io.fxrates.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.WritableHeaders;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** gzip exactly when Accept-Encoding lists it (or *) above q=0; anything malformed means no. */
class GzipNegotiationTest {

    private static boolean accepts(String... values) {
        WritableHeaders<?> headers = WritableHeaders.create();
        for (String value : values) {
            headers.add(HeaderValues.create(HeaderNames.ACCEPT_ENCODING, value));
        }
        return GzipNegotiation.accepts(headers);
    }

    @Test
    void gzipWhenListedOrCoveredByAWildcard() {
        assertEquals(true, accepts("gzip"));
        assertEquals(true, accepts("GZIP"));
        assertEquals(true, accepts("x-gzip"));
        assertEquals(true, accepts("br, gzip;q=0.5"));
        assertEquals(true, accepts("*"));
        assertEquals(true, accepts("deflate", "gzip"), "repeated headers");
        assertEquals(false, accepts(), "no header");
        assertEquals(false, accepts("identity"));
        assertEquals(false, accepts("br"));
    }

    @Test
    void qZeroRefusesAndAnExplicitGzipBeatsTheWildcard() {
        assertEquals(false, accepts("gzip;q=0"));
        assertEquals(false, accepts("*;q=0"));
        assertEquals(false, accepts("gzip;q=0, *"), "gzip named with q=0 beats *");
        assertEquals(true, accepts("gzip;q=0.001, *;q=0"));
    }

    @Test
    void malformedValuesMeanNoGzipNeverAnError() {
        for (String value : new String[] {"gzip;x", "gzip;q=bogus", "gzip;q=", "gzip;q=2", "gzip;q=1.0001", ";;;", ",", "\u00e9", ""}) {
            assertEquals(false, accepts(value), value);
        }
    }
}
