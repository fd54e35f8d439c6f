package io.fxrates.updater.provider;

import io.fxrates.updater.RunDeadline;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GETs a provider's document with java.net.http, retrying with resilience4j: on timeouts,
 * connection errors, 429 (after its Retry-After) and 5xx; never on another 4xx, a wrong content
 * type or an empty body (retrying would not change those). Waits grow exponentially with full
 * jitter, and each document's fetch ends within {@link HttpSettings#retryBudget()} and, whatever
 * the number of documents, before the run's fetch deadline.
 */
public final class HttpFetcher implements AutoCloseable {
    private final HttpSettings settings;
    private final RunDeadline runDeadline;
    private final Clock clock;
    private final HttpClient client;

    /** A fetcher for one run: no fetch goes on past {@code deadline}. */
    public HttpFetcher(HttpSettings settings, RunDeadline deadline) {
        this(settings, deadline, Clock.systemUTC());
    }

    public HttpFetcher(HttpSettings settings, RunDeadline deadline, Clock clock) {
        this.settings = settings;
        this.runDeadline = deadline;
        this.clock = clock;
        // A client per fetcher, not per JVM: nothing of it outlives a run (SnapStart takes no sockets).
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Fetches {@code uri}; {@code acceptedTypes} are the media types (without parameters) that this
     * document may have. {@code describe} is how the URI appears in messages and logs: it must not
     * contain a secret (an API key in the query string).
     */
    public FetchedDocument get(URI uri, Set<String> acceptedTypes, String describe) {
        if (runDeadline.passed()) {
            throw new FetchException("fetching " + describe + " not started: the run's deadline has passed", 0, null);
        }
        // Which of the two limits ends this fetch decides what a give-up says: near the run's end,
        // the run's deadline comes first even while, at the moment of giving up, it has not passed.
        boolean runEndsFirst = runDeadline.remaining().compareTo(settings.retryBudget()) < 0;
        long deadline = runDeadline.nanosFromNowCappedAt(settings.retryBudget());
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> giveUp = new AtomicReference<>();

        RetryConfig config = RetryConfig.<FetchedDocument>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(HttpFetcher::isRetryable)
                .intervalBiFunction((IntervalBiFunction<FetchedDocument>) (attempt, outcome) ->
                        waitBefore(attempt + 1, outcome.isLeft() ? outcome.getLeft() : null, deadline, runEndsFirst, giveUp))
                .build();
        Retry retry = Retry.of("fetch", config);
        try {
            return retry.executeCheckedSupplier(() -> {
                String reason = giveUp.get();
                if (reason != null) {
                    throw new BudgetExhaustedException(reason);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new BudgetExhaustedException(budgetUsedUp(runEndsFirst));
                }
                attempts.incrementAndGet();
                return attempt(uri, acceptedTypes, describe, Duration.ofNanos(Math.min(remaining, settings.readTimeout().toNanos())),
                        attempts.get());
            });
        } catch (FeedException | FetchException e) {
            throw e;
        } catch (BudgetExhaustedException e) {
            throw new FetchException("fetching " + describe + " failed after " + attempts.get()
                    + " attempt(s): " + e.getMessage(), attempts.get(), e);
        } catch (Throwable e) {
            throw new FetchException("fetching " + describe + " failed after " + attempts.get()
                    + " attempt(s): " + describeFailure(e), attempts.get(), e);
        }
    }

    private FetchedDocument attempt(URI uri, Set<String> acceptedTypes, String describe, Duration timeout, int attempt)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", String.join(", ", acceptedTypes))
                .header("User-Agent", "fxrates-updater")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the wait for headers; this bounds the body as well.
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
            throw new RetryableHttpStatusException(status, describe, retryAfter.orElse(null));
        }
        if (status != 200) {
            throw new FetchException("fetching " + describe + " failed: HTTP " + status + " (not retried)", attempt, null);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!acceptedTypes.contains(mediaType)) {
            throw new FeedException(describe + " answered with content type '" + contentType
                    + "', expected one of " + acceptedTypes, attempt, null);
        }
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            throw new FeedException(describe + " answered with an empty body", attempt, null);
        }
        return new FetchedDocument(uri, mediaType, body, attempt);
    }

    /** The wait before attempt {@code next}: Retry-After when given, else exponential backoff with full jitter. */
    private long waitBefore(int next, Throwable failure, long deadline, boolean runEndsFirst, AtomicReference<String> giveUp) {
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        Optional<Duration> retryAfter = failure instanceof RetryableHttpStatusException s ? s.retryAfter() : Optional.empty();
        long waitMs;
        if (retryAfter.isPresent()) {
            waitMs = retryAfter.get().toMillis();
        } else {
            long ceiling = settings.initialBackoff().toMillis() << Math.min(next - 2, 20);
            ceiling = Math.min(Math.max(ceiling, 1), settings.maxBackoff().toMillis());
            // Full jitter: a uniform wait in [ceiling/2, ceiling], so that runs never retry in lockstep.
            waitMs = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        }
        if (waitMs >= remainingMs) {
            // Waiting would overrun the budget: stop now, with the reason (the next attempt throws it).
            giveUp.set(retryAfter.isPresent()
                    ? "the server asked to retry after " + retryAfter.get().toSeconds() + " s, beyond the remaining retry budget ("
                    + describeFailure(failure) + ")"
                    : budgetUsedUp(runEndsFirst) + " (" + describeFailure(failure) + ")");
            return 0L;
        }
        return waitMs;
    }

    private String budgetUsedUp(boolean runEndsFirst) {
        return runEndsFirst || runDeadline.passed() ? "the run's deadline passed" : "retry budget of " + settings.retryBudget() + " used up";
    }

    /** Lets the client's selector thread and connections go at once, aborting anything a timeout left behind (JDK 21+). */
    @Override
    public void close() {
        client.shutdownNow();
    }

    private static boolean isRetryable(Throwable e) {
        // IOException covers timeouts, refused and reset connections, truncated transfers, 429 and 5xx.
        return e instanceof IOException;
    }

    private static String describeFailure(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Thrown inside the retry loop to stop it; not an IOException, so never retried. */
    private static final class BudgetExhaustedException extends RuntimeException {
        BudgetExhaustedException(String message) {
            super(message);
        }
    }
}
