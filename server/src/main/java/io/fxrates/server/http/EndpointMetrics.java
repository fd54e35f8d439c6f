package io.fxrates.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Handler;

/**
 * Requests and latency per endpoint and status class ({@code fxrates_http_requests_seconds}).
 * Endpoints are named by the route, never by the raw path, so the number of series stays small.
 */
public final class EndpointMetrics {

    private static final ConcurrentHashMap<String, Timer> TIMERS = new ConcurrentHashMap<>();

    private EndpointMetrics() {
    }

    /** {@code handler}, timed under the endpoint name {@code endpoint}. */
    public static Handler timed(String endpoint, Handler handler) {
        return (req, res) -> {
            long start = System.nanoTime();
            // The error handlers set the status after this returns, so on failure it comes from the exception.
            int status = 500;
            try {
                handler.handle(req, res);
                status = res.status().code();
            } catch (ProblemException e) {
                status = e.status().code();
                throw e;
            } catch (RuntimeException e) {
                status = io.fxrates.server.database.DatabaseFailures.isUnavailable(e) ? 503 : 500;
                throw e;
            } finally {
                timer(endpoint, status / 100 + "xx").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private static Timer timer(String endpoint, String outcome) {
        return TIMERS.computeIfAbsent(endpoint + "|" + outcome, k -> Metrics.globalRegistry().getOrCreate(
                Timer.builder("fxrates.http.requests")
                        .description("Requests handled, by endpoint and status class")
                        .tags(java.util.List.of(Tag.create("endpoint", endpoint), Tag.create("status", outcome)))
                        .percentiles(0.5, 0.99)));
    }
}
