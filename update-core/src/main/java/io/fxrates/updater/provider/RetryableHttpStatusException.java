package io.fxrates.updater.provider;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A 429 or 5xx answer: worth another attempt, after Retry-After when the server sent one. */
public class RetryableHttpStatusException extends IOException {
    private final int status;
    private final transient Duration retryAfter;

    public RetryableHttpStatusException(int status, String uri, Duration retryAfter) {
        super("HTTP " + status + " from " + uri);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
