package io.fxrates.updater.validation;

import io.fxrates.updater.provider.PublishedRate;
import io.fxrates.updater.provider.RatesFeed;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a whole feed before anything is written: not empty, ISO 4217 codes known to the
 * {@code currency} table, positive rates, no date in the future, one rate per currency per date.
 * Collects every problem (up to a limit) so that a failed run says exactly why.
 */
public final class FeedValidator {
    /** Enough to see what is wrong without a message the size of the feed. */
    static final int MAX_REPORTED = 10;

    /**
     * "The future" is judged at UTC+14, the first time zone to reach a new date: a date that has
     * begun somewhere on Earth is not in the future, and a rate dated tomorrow everywhere is wrong.
     */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private final Set<String> knownCurrencies;
    private final Clock clock;

    public FeedValidator(Set<String> knownCurrencies, Clock clock) {
        this.knownCurrencies = Set.copyOf(knownCurrencies);
        this.clock = clock;
    }

    /** One rate per currency per date: the key that must be unique. */
    private record Key(LocalDate date, String currency) {
    }

    /** Throws {@link ValidationException} listing the problems, if there are any. */
    public void validate(RatesFeed feed, String baseCurrency) {
        List<String> problems = new ArrayList<>();
        int count = 0;
        if (feed.rates().isEmpty()) {
            throw new ValidationException(List.of("the feed holds no rates"), 1);
        }
        LocalDate latestAllowed = LocalDate.now(clock.withZone(EARLIEST_ZONE));
        Set<Key> seen = new HashSet<>(feed.rates().size() * 2);
        for (PublishedRate r : feed.rates()) {
            String problem = null;
            if (!knownCurrencies.contains(r.currency())) {
                problem = "unknown currency code '" + r.currency() + "' on " + r.date() + " (not in ISO 4217 / the currency table)";
            } else if (r.currency().equals(baseCurrency)) {
                problem = "a rate for the base currency " + baseCurrency + " on " + r.date();
            } else if (r.rate().signum() <= 0) {
                problem = "rate of " + r.currency() + " on " + r.date() + " is " + r.rate().toPlainString() + ", not positive";
            } else if (r.date().isAfter(latestAllowed)) {
                problem = "rate of " + r.currency() + " is dated " + r.date() + ", in the future";
            } else if (!seen.add(new Key(r.date(), r.currency()))) {
                problem = "more than one rate for " + r.currency() + " on " + r.date();
            }
            if (problem != null) {
                count++;
                if (problems.size() < MAX_REPORTED) {
                    problems.add(problem);
                }
            }
        }
        if (count > 0) {
            throw new ValidationException(problems, count);
        }
    }
}
