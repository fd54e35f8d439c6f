package io.fxrates.updater.provider;

import io.fxrates.updater.UpdaterSettings;
import io.fxrates.updater.ecb.EcbProvider;
import io.fxrates.updater.oxr.OpenExchangeRatesProvider;
import io.fxrates.updater.tracing.Tracer;

/** Picks the provider that the settings name. A new provider is one more case here and one migration row. */
public final class RateProviders {
    private RateProviders() {
    }

    /** A provider fetching through {@code fetcher}, which the caller owns (and closes after the run). */
    public static RateProvider create(UpdaterSettings settings, HttpFetcher fetcher, Tracer tracer) {
        return switch (settings.provider()) {
            case EcbProvider.CODE -> new EcbProvider(settings.ecbBaseUrl(), fetcher, tracer);
            case OpenExchangeRatesProvider.CODE ->
                    new OpenExchangeRatesProvider(settings.oxrBaseUrl(), settings.oxrAppId(), fetcher, tracer);
            default -> throw new IllegalArgumentException("unknown provider '" + settings.provider()
                    + "': use " + EcbProvider.CODE + " or " + OpenExchangeRatesProvider.CODE);
        };
    }
}
