package io.fxrates.server.logging;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.fxrates.log.LogContext;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.tracing.Span;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Puts the request's trace id and request id where the log formatter finds them
 * ({@link LogContext}), and returns the request id in {@code X-Request-Id}. The trace id is the tracer's when tracing is on, else the
 * ALB's {@code X-Amzn-Trace-Id} root, so logs of one request can be found together either way.
 */
public final class RequestIds implements Filter {

    private static final io.helidon.http.HeaderName REQUEST_ID_HEADER = HeaderNames.create("X-Request-Id");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:=;-]{1,128}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String requestId = req.headers().first(REQUEST_ID_HEADER)
                .filter(id -> SAFE_ID.matcher(id).matches())
                .orElseGet(RequestIds::newId);
        String traceId = Span.current().map(span -> span.context().traceId())
                .or(() -> req.headers().first(HeaderNames.create("X-Amzn-Trace-Id")).filter(id -> SAFE_ID.matcher(id).matches()))
                .orElse(requestId);
        try (LogContext.Scope ignored = LogContext.enter(traceId, requestId)) {
            apply(res);
            chain.proceed();
        }
    }

    /** A random 64-bit id: unique enough to find a request's lines, without SecureRandom on the hot path. */
    private static String newId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /** Sets {@code X-Request-Id} from the request being served; error handlers call it again. */
    public static void apply(io.helidon.webserver.http.ServerResponse res) {
        String id = LogContext.requestId();
        if (id != null) {
            res.header(HeaderValues.create(REQUEST_ID_HEADER, id));
        }
    }
}
