package io.fxrates.updater.provider;

import java.time.Duration;

/**
 * Timeouts and the retry policy for fetching a provider's documents.
 *
 * @param connectTimeout   TCP/TLS connect timeout of one attempt
 * @param readTimeout      the longest one attempt may take, headers and body together
 * @param maxAttempts      attempts in all, the first included
 * @param initialBackoff   the wait before the second attempt; it doubles each time, with jitter
 * @param maxBackoff       the longest single wait (a Retry-After longer than this is still honoured
 *                         when it fits in the budget)
 * @param retryBudget      the whole fetch, every attempt and wait included, ends within this; it must
 *                         stay well below the Lambda timeout so a failed run is still recorded
 */
public record HttpSettings(Duration connectTimeout,
                           Duration readTimeout,
                           int maxAttempts,
                           Duration initialBackoff,
                           Duration maxBackoff,
                           Duration retryBudget) {

    public HttpSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Defaults for production: 4 attempts, 1 s, 2 s, 4 s (with jitter) between them, 2 minutes at most. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(16), Duration.ofMinutes(2));
    }
}
