package io.fxrates.updater.oxr;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.FetchedDocument;
import io.fxrates.updater.provider.HttpFetcher;
import io.fxrates.updater.provider.PublishedRate;
import io.fxrates.updater.provider.RateProvider;
import io.fxrates.updater.provider.RatesFeed;
import io.fxrates.updater.tracing.Tracer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Open Exchange Rates (USD base), the provider that needs an API key ("app_id"). It proves that
 * providers plug in: the key comes from Secrets Manager in AWS and from FXRATES_OXR_APP_ID locally,
 * and appears only in the request's query string, never in a log line or an error message.
 *
 * <p>daily reads {@code latest.json}; 90d reads {@code historical/yyyy-mm-dd.json} for each of the
 * last 90 days; the full history is not offered (it would cost one request per day since 1999).
 */
public final class OpenExchangeRatesProvider implements RateProvider {
    public static final String CODE = "OXR";
    public static final String DEFAULT_BASE_URL = "https://openexchangerates.org/api";
    static final int NINETY_DAYS = 90;
    private static final Set<String> JSON_TYPES = Set.of("application/json");

    private final String baseUrl;
    private final Supplier<String> appId;
    private final HttpFetcher fetcher;
    private final Tracer tracer;
    private final OxrJsonParser parser = new OxrJsonParser();

    public OpenExchangeRatesProvider(String baseUrl, Supplier<String> appId, HttpFetcher fetcher, Tracer tracer) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.appId = appId;
        this.fetcher = fetcher;
        this.tracer = tracer;
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public RatesFeed fetch(UpdateMode mode) {
        String key = appId.get();
        if (key == null || key.isBlank()) {
            throw new FeedException("no Open Exchange Rates app id: set FXRATES_OXR_APP_ID, or FXRATES_OXR_APP_ID_SECRET_ARN in AWS");
        }
        List<String> paths = switch (mode) {
            case DAILY -> List.of("latest.json");
            case NINETY_DAYS -> lastDays(NINETY_DAYS);
            case HISTORY -> throw new FeedException("Open Exchange Rates: the full history is not supported; use daily or 90d");
        };
        List<PublishedRate> rates = new ArrayList<>();
        int attempts = 0;
        for (String path : paths) {
            String describe = baseUrl + "/" + path; // without the key
            URI uri = URI.create(describe + "?app_id=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
            FetchedDocument document = tracer.trace("fetch", () -> fetcher.get(uri, JSON_TYPES, describe));
            attempts += document.attempts();
            try {
                rates.addAll(tracer.trace("parse", () -> parser.parse(document.body(), describe)));
            } catch (FeedException e) {
                throw e.afterAttempts(attempts);
            }
        }
        return new RatesFeed(CODE, baseUrl, rates, attempts);
    }

    private static List<String> lastDays(int days) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> paths = new ArrayList<>(days);
        for (int i = days - 1; i >= 1; i--) {
            paths.add("historical/" + today.minusDays(i) + ".json");
        }
        paths.add("latest.json");
        return paths;
    }
}
