package io.fxrates.updater.provider;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything one fetch returned, parsed but not yet validated: duplicates and bad values are kept
 * so that validation can name them. {@code fetchAttempts} counts HTTP attempts including retries.
 */
public record RatesFeed(String provider, String source, List<PublishedRate> rates, int fetchAttempts) {
    public RatesFeed {
        rates = List.copyOf(rates);
    }

    /** The newest date in the feed, if it has any rate. */
    public Optional<LocalDate> newestDate() {
        return rates.stream().map(PublishedRate::date).max(Comparator.naturalOrder());
    }
}
