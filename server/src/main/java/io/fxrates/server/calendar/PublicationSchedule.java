package io.fxrates.server.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When the provider is expected to publish next: the ECB publishes around 16:00 Central European
 * Time on TARGET business days. HTTP caches may keep an answer until then and no longer.
 */
public final class PublicationSchedule {

    /** How long clients may cache while a publication is overdue: they should look again soon. */
    private static final Duration OVERDUE_MAX_AGE = Duration.ofMinutes(5);
    private static final Duration MIN_MAX_AGE = Duration.ofMinutes(1);

    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime publicationTime;

    public PublicationSchedule(Clock clock, ZoneId zone, LocalTime publicationTime) {
        this.clock = clock;
        this.zone = zone;
        this.publicationTime = publicationTime;
    }

    /** The ECB's schedule. */
    public static PublicationSchedule ecb(Clock clock) {
        return new PublicationSchedule(clock, ZoneId.of("Europe/Berlin"), LocalTime.of(16, 0));
    }

    public Clock clock() {
        return clock;
    }

    /** Today's date in UTC: dates after it are in the future for every client. */
    public LocalDate todayUtc() {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    /**
     * The next expected publication, given the newest date already held: the first business
     * day after that date, at the publication time.
     */
    public Instant nextPublication(Optional<LocalDate> newestHeld) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate after = newestHeld.orElse(today.minusDays(1));
        LocalDate day = TargetCalendar.nextBusinessDay(after);
        return ZonedDateTime.of(day, publicationTime, zone).toInstant();
    }

    /** How long an answer built from data whose newest date is {@code newestHeld} may be cached. */
    public Duration maxAge(Optional<LocalDate> newestHeld) {
        Duration untilNext = Duration.between(clock.instant(), nextPublication(newestHeld));
        if (untilNext.isNegative() || untilNext.isZero()) {
            return OVERDUE_MAX_AGE;
        }
        return untilNext.compareTo(MIN_MAX_AGE) < 0 ? MIN_MAX_AGE : untilNext;
    }

    /** Business days the newest data is behind what should have been published by now. */
    public int businessDaysBehind(LocalDate newestHeld) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        LocalDate lastExpected = now.toLocalDate();
        if (!TargetCalendar.isBusinessDay(lastExpected) || now.toLocalTime().isBefore(publicationTime)) {
            lastExpected = lastExpected.minusDays(1);
            while (!TargetCalendar.isBusinessDay(lastExpected)) {
                lastExpected = lastExpected.minusDays(1);
            }
        }
        return TargetCalendar.businessDaysBetween(newestHeld, lastExpected);
    }
}
