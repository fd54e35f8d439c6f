package io.fxrates.server.rates;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.fxrates.server.http.AcceptHeader;
import io.fxrates.server.http.ProblemException;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * JSON or CSV: {@code format=json|csv} decides when given; otherwise {@code Accept}, quality
 * values and specificity included (JSON wins ties; a malformed Accept counts as absent). A client
 * that accepts neither gets 406.
 */
public enum Representation {
    JSON(HttpMediaTypes.JSON_UTF_8),
    CSV(HttpMediaType.create("text/csv; charset=UTF-8"));

    private final HttpMediaType mediaType;

    Representation(HttpMediaType mediaType) {
        this.mediaType = mediaType;
    }

    public HttpMediaType mediaType() {
        return mediaType;
    }

    /** The representation {@code req} asks for; {@code csvOffered} is false where only JSON exists. */
    public static Representation of(ServerRequest req, boolean csvOffered) {
        Optional<String> format = RateParameters.single(req.query(), "format", null);
        List<String> accept = req.headers().contains(HeaderNames.ACCEPT)
                ? req.headers().get(HeaderNames.ACCEPT).allValues() : List.of();
        return negotiate(format, AcceptHeader.parse(accept), csvOffered);
    }

    /**
     * {@code format} decides when given; otherwise the client's qualities for JSON and CSV (JSON
     * wins ties); a 406 problem when the client accepts neither, a 400 for an unknown format.
     */
    static Representation negotiate(Optional<String> format, AcceptHeader accept, boolean csvOffered) {
        if (format.isPresent()) {
            return switch (format.get().strip().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> {
                    if (!csvOffered) {
                        throw ProblemException.badRequest("invalid-format", "Invalid format",
                                "format=csv is offered for rates and time series; this endpoint answers JSON only.");
                    }
                    yield CSV;
                }
                default -> throw ProblemException.badRequest("invalid-format", "Invalid format",
                        "format='" + Inputs.shorten(format.get()) + "' is not one of json or csv.");
            };
        }
        int json = accept.quality("application/json");
        int csv = csvOffered ? accept.quality("text/csv") : 0;
        if (json <= 0 && csv <= 0) {
            throw new ProblemException(Status.NOT_ACCEPTABLE_406, "not-acceptable", "Not acceptable",
                    "This resource is available as application/json" + (csvOffered ? " or text/csv" : "")
                            + "; the Accept header allows neither.");
        }
        return csv > json ? CSV : JSON;
    }
}
