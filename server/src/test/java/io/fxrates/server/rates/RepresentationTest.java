package io.fxrates.server.rates;

import java.util.List;
import java.util.Optional;

import io.fxrates.server.http.AcceptHeader;
import io.fxrates.server.http.ProblemException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON or CSV, from format= first, then Accept; JSON on ties; 406 when neither is acceptable. */
class RepresentationTest {

    private static Representation negotiate(String format, String accept, boolean csvOffered) {
        return Representation.negotiate(Optional.ofNullable(format),
                AcceptHeader.parse(accept == null ? List.of() : List.of(accept)), csvOffered);
    }

    @Test
    void theFormatParameterWinsOverAccept() {
        assertEquals(Representation.CSV, negotiate("csv", "application/json", true));
        assertEquals(Representation.JSON, negotiate(" JSON ", "text/csv", true));
        assertEquals(400, assertThrows(ProblemException.class, () -> negotiate("xml", null, true)).status().code());
        assertEquals(400, assertThrows(ProblemException.class, () -> negotiate("csv", null, false)).status().code(),
                "csv where only JSON exists");
    }

    @Test
    void acceptChoosesByQualityWithJsonOnTies() {
        assertEquals(Representation.JSON, negotiate(null, null, true), "no Accept");
        assertEquals(Representation.JSON, negotiate(null, "*/*", true));
        assertEquals(Representation.CSV, negotiate(null, "text/csv, application/json;q=0.5", true));
        assertEquals(Representation.JSON, negotiate(null, "text/csv, application/json", true), "a tie");
        assertEquals(Representation.JSON, negotiate(null, "text/csv;q=abc", true), "a malformed Accept counts as absent");
    }

    @Test
    void nothingAcceptableIs406() {
        for (String accept : new String[] {"image/png", "text/csv;q=0", "application/json;q=0, text/csv;q=0"}) {
            assertEquals(406, assertThrows(ProblemException.class, () -> negotiate(null, accept, true)).status().code(), accept);
        }
        assertEquals(406, assertThrows(ProblemException.class, () -> negotiate(null, "text/csv", false)).status().code());
    }
}
