package io.fxrates.updater.provider;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-09T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndHttpDatesAreRead() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", CLOCK));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Fri, 09 May 2025 12:01:30 GMT", CLOCK));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 09 May 2025 11:00:00 GMT", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse(null, CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("-3", CLOCK));
    }
}
