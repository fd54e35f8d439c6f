package io.fxrates.server.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the server knows of one provider's data: its version (bumped by every update that changes
 * a rate), when it was fetched and changed, and the newest date it holds.
 *
 * @param provider     provider code, for example {@code ECB}
 * @param baseCurrency the currency the provider quotes against, for example {@code EUR}
 * @param version      the provider's data version; caches and ETags follow it
 * @param fetchedAt    when the updater last fetched from the provider, if ever
 * @param changedAt    when a rate last changed, if ever
 * @param newestDate   the newest rate date held, empty when no rates are loaded yet
 */
public record DataState(String provider,
                        String baseCurrency,
                        long version,
                        Optional<Instant> fetchedAt,
                        Optional<Instant> changedAt,
                        Optional<LocalDate> newestDate) {

    /** Whether any rates are loaded. */
    public boolean hasRates() {
        return newestDate.isPresent();
    }
}
