package io.fxrates.updater.provider;

import io.fxrates.updater.UpdateMode;

/**
 * A source of published exchange rates. Implementations fetch and parse; they neither validate
 * nor write (that is the same for every provider: {@code validation} and {@code store}).
 */
public interface RateProvider {

    /** The provider's code, as in the {@code provider} table ("ECB"). */
    String code();

    /** Fetches and parses what {@code mode} asks for. Throws {@link FeedException} when the
     *  document cannot be read at all, {@link FetchException} when it cannot be fetched. */
    RatesFeed fetch(UpdateMode mode);
}
