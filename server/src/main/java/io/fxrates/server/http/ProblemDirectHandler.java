package io.fxrates.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Requests Helidon rejects before routing (a malformed request line, bad percent-encoding, a
 * URI or header too long) answer problem documents too, like every other client error.
 */
public final class ProblemDirectHandler implements DirectHandler {

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        boolean clientError = status.code() >= 400 && status.code() < 500;
        String detail = clientError && message != null && !message.isBlank()
                ? Problems.printable(message, 200)
                : clientError ? "The request could not be read." : "The request could not be handled; it has been logged.";
        String body = Problems.json(status, clientError ? "malformed-request" : "internal-error", status.reasonPhrase(),
                detail, null);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problems.PROBLEM_JSON.text())
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(HeaderNames.create("X-Content-Type-Options"), "nosniff")
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }
}
