package io.fxrates.updater.validation;

import io.fxrates.updater.provider.PublishedRate;
import io.fxrates.updater.provider.RatesFeed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedValidatorTest {
    // 2025-05-09 at 11:00 UTC: it is already 2025-05-10 at UTC+14, not yet 2025-05-11 anywhere.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-09T11:00:00Z"), ZoneOffset.UTC);
    private static final FeedValidator VALIDATOR = new FeedValidator(Set.of("EUR", "USD", "JPY"), CLOCK);

    private static RatesFeed feed(PublishedRate... rates) {
        return new RatesFeed("ECB", "test", List.of(rates), 1);
    }

    private static PublishedRate rate(String date, String currency, String value) {
        return new PublishedRate(LocalDate.parse(date), currency, new BigDecimal(value));
    }

    @Test
    void aGoodFeedPasses() {
        assertDoesNotThrow(() -> VALIDATOR.validate(feed(rate("2025-05-09", "USD", "1.1252"),
                rate("2025-05-09", "JPY", "163.36"), rate("2025-05-10", "USD", "1.13")), "EUR"));
    }

    @Test
    void everyRuleIsChecked() {
        assertFails(feed(), "the feed holds no rates");
        assertFails(feed(rate("2025-05-09", "XYZ", "1")), "unknown currency code 'XYZ'");
        assertFails(feed(rate("2025-05-09", "USD", "0")), "is 0, not positive");
        assertFails(feed(rate("2025-05-09", "USD", "-1.5")), "is -1.5, not positive");
        assertFails(feed(rate("2025-05-11", "USD", "1.1")), "dated 2025-05-11, in the future");
        assertFails(feed(rate("2025-05-09", "USD", "1.1"), rate("2025-05-09", "USD", "1.1")), "more than one rate for USD on 2025-05-09");
        assertFails(feed(rate("2025-05-09", "EUR", "1")), "a rate for the base currency EUR");
    }

    @Test
    void manyProblemsAreCountedButOnlyTheFirstListed() {
        List<PublishedRate> bad = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            bad.add(rate("2025-05-09", "Q" + (char) ('A' + i) + "Q", "1"));
        }
        ValidationException e = assertThrows(ValidationException.class,
                () -> VALIDATOR.validate(new RatesFeed("ECB", "test", bad, 1), "EUR"));
        assertEquals(25, e.count());
        assertEquals(FeedValidator.MAX_REPORTED, e.problems().size());
        assertTrue(e.getMessage().startsWith("validation failed (25 problems)"), e.getMessage());
    }

    private static void assertFails(RatesFeed feed, String why) {
        ValidationException e = assertThrows(ValidationException.class, () -> VALIDATOR.validate(feed, "EUR"));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
