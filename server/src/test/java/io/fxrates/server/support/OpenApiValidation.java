package io.fxrates.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Checks an API exchange against the OpenAPI document the server serves (the same file): the
 * operation exists for the path, and the response's status, content type and body match its
 * schema. {@link TestServer} runs every API response of the HTTP tests through it.
 */
public final class OpenApiValidation {

    /**
     * Paths the document does not have (a 404 for /v1/foo) have no operation to check against; the
     * problem they answer is checked by the tests that send them.
     */
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(document())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                    .build())
            .build();
    private static final AtomicInteger CHECKED = new AtomicInteger();

    private OpenApiValidation() {
    }

    private static String document() {
        try (InputStream in = OpenApiValidation.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code path} is one the document describes (the API, not pages or health). */
    static boolean described(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    /** Fails with the validator's messages when the exchange does not match the document. */
    public static void check(String method, URI uri, HttpResponse<?> response, String body) {
        if (!described(uri.getRawPath()) || response.statusCode() == 304 || response.statusCode() == 405) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
        if (body != null && !method.equals("HEAD")) {
            answer.withBody(body);
        }
        // HEAD answers as GET does, without the body (RFC 9110): checked against the GET operation.
        Request.Method operation = method.equals("HEAD") ? Request.Method.GET : Request.Method.valueOf(method);
        ValidationReport report = VALIDATOR.validateResponse(uri.getRawPath(), operation, answer.build());
        if (method.equals("HEAD")) {
            report = ValidationReport.from(report.getMessages().stream()
                    .filter(m -> !m.getKey().equals("validation.response.body.missing")).toList());
        }
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + method + " " + uri + " (" + response.statusCode()
                    + ") does not match the OpenAPI document: " + report.getMessages() + "\n" + body);
        }
        CHECKED.incrementAndGet();
    }

    /** How many exchanges were checked in this JVM. */
    public static int checked() {
        return CHECKED.get();
    }
}
