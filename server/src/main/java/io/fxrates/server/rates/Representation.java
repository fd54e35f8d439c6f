package io.fxrates.server.rates;

import java.util.Locale;
import java.util.Optional;

import io.fxrates.server.http.ProblemException;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * JSON or CSV: {@code format=json|csv} decides when given; otherwise {@code Accept}, quality
 * values included (JSON wins ties). A client that accepts neither gets 406.
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
        Optional<String> format = RateParameters.single(req.query(), "format", null)
                .map(f -> f.strip().toLowerCase(Locale.ROOT));
        if (format.isPresent()) {
            return switch (format.get()) {
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
        if (!req.headers().contains(HeaderNames.ACCEPT) || req.headers().acceptedTypes().isEmpty()) {
            return JSON;
        }
        double json = quality(req, MediaTypes.APPLICATION_JSON);
        double csv = csvOffered ? quality(req, MediaTypes.create("text/csv")) : 0;
        if (json <= 0 && csv <= 0) {
            throw new ProblemException(Status.NOT_ACCEPTABLE_406, "not-acceptable", "Not acceptable",
                    "This resource is available as application/json" + (csvOffered ? " or text/csv" : "")
                            + "; the Accept header allows neither.");
        }
        return csv > json ? CSV : JSON;
    }

    /** The highest quality the client gives to a range matching {@code type}; 0 when none does. */
    private static double quality(ServerRequest req, io.helidon.common.media.type.MediaType type) {
        double best = 0;
        for (HttpMediaType accepted : req.headers().acceptedTypes()) {
            if (accepted.test(type)) {
                best = Math.max(best, accepted.qualityFactor());
            }
        }
        return best;
    }
}
