package io.fxrates.server.http;

import java.util.Map;

import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * Builds every problem document the server sends (RFC 9457 {@code application/problem+json}):
 * from a handler's {@link ProblemException}, an error handler, or a request Helidon rejected
 * before routing. One shape everywhere: {@code type}, {@code title}, {@code status},
 * {@code detail}, and {@code instance} when the request's path is known.
 */
public final class Problems {

    /** Media type of problem documents. */
    public static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");

    /** Problem types are this URI followed by the problem's slug (for example {@code invalid-date}). */
    public static final String TYPE_BASE = "https://fxrates.dev/problems/";

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private Problems() {
    }

    /** The document for {@code problem}; {@code instance} is the request's path, or null when unknown. */
    public static String json(ProblemException problem, String instance) {
        return json(problem.status(), problem.type(), problem.title(), problem.detail(), instance);
    }

    /** The document for a problem given by its parts; {@code instance} may be null. */
    public static String json(Status status, String type, String title, String detail, String instance) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", TYPE_BASE + type)
                .add("title", title)
                .add("status", status.code())
                .add("detail", detail)
                // An extension member (RFC 9457, 3.2): Frankfurter's clients read an error's message.
                .add("message", detail);
        if (instance != null) {
            body.add("instance", printable(instance, 200));
        }
        return body.build().toString();
    }

    /** {@code text} without control characters, cut to {@code max} characters: safe to echo back. */
    public static String printable(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }
}
