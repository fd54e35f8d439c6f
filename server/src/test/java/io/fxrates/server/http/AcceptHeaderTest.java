package io.fxrates.server.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accept read as RFC 9110 says: qualities, the most specific range first, malformed elements ignored. */
class AcceptHeaderTest {

    private static int quality(String header, String type) {
        return AcceptHeader.parse(List.of(header)).quality(type);
    }

    @Test
    void qualitiesAreReadInThousandths() {
        assertEquals(1000, quality("application/json", "application/json"));
        assertEquals(500, quality("application/json;q=0.5", "application/json"));
        assertEquals(123, quality("application/json; q=0.123", "application/json"));
        assertEquals(0, quality("application/json;q=0", "application/json"));
        assertEquals(1000, quality("application/json;q=1.000", "application/json"));
        assertEquals(0, quality("text/html", "application/json"), "not listed: not acceptable");
    }

    @Test
    void theMostSpecificRangeDecides() {
        assertEquals(0, quality("text/csv;q=0, */*;q=0.1", "text/csv"), "an exact q=0 beats */*");
        assertEquals(100, quality("text/csv;q=0, */*;q=0.1", "application/json"));
        assertEquals(300, quality("text/*;q=0.3, */*;q=0.9", "text/csv"));
        assertEquals(900, quality("text/*;q=0.3, */*;q=0.9", "application/json"));
        assertEquals(800, quality("TEXT/CSV;Q=0.8", "text/csv"), "case-insensitive");
    }

    @Test
    void malformedElementsAreIgnoredAndAHeaderOfNothingButThemCountsAsAbsent() {
        for (String malformed : new String[] {"application/json;q=abc", "application/json;q=2", "application/json;q=",
                "application/json;q=0.1234", "application/json;;", "json", "/", "*/json", "app lication/json", "", ",,,",
                "\u00e9/\u00e9", "application/json;q=-1", "application/json;q=1.5", "application/json;=1"}) {
            AcceptHeader accept = AcceptHeader.parse(List.of(malformed));
            assertTrue(accept.isEmpty(), malformed);
            assertEquals(1000, accept.quality("application/json"), malformed + ": no preference");
        }
        assertEquals(0, quality("application/json;q=abc, text/csv", "application/json"), "the valid element still counts");
        assertEquals(1000, quality("application/json;q=abc, text/csv", "text/csv"));
    }

    @Test
    void repeatedHeadersAreOneList() {
        AcceptHeader accept = AcceptHeader.parse(List.of("text/csv;q=0.2", "application/json;q=0.7"));
        assertEquals(200, accept.quality("text/csv"));
        assertEquals(700, accept.quality("application/json"));
    }
}
