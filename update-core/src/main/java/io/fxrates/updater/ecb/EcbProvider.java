package io.fxrates.updater.ecb;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.FetchedDocument;
import io.fxrates.updater.provider.HttpFetcher;
import io.fxrates.updater.provider.PublishedRate;
import io.fxrates.updater.provider.RateProvider;
import io.fxrates.updater.provider.RatesFeed;
import io.fxrates.updater.tracing.Tracer;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The European Central Bank's euro reference rates. The base URL is configurable
 * ({@code FXRATES_ECB_BASE_URL}) so that a mirror or a local server can stand in for the ECB.
 */
public final class EcbProvider implements RateProvider {
    public static final String CODE = "ECB";
    public static final String DEFAULT_BASE_URL = "https://www.ecb.europa.eu/stats/eurofxref";

    private static final Set<String> XML_TYPES = Set.of("text/xml", "application/xml");
    private static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-zip-compressed",
            "application/octet-stream");

    private final String baseUrl;
    private final HttpFetcher fetcher;
    private final Tracer tracer;

    public EcbProvider(String baseUrl, HttpFetcher fetcher, Tracer tracer) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.fetcher = fetcher;
        this.tracer = tracer;
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public RatesFeed fetch(UpdateMode mode) {
        String file = switch (mode) {
            case DAILY -> "eurofxref-daily.xml";
            case NINETY_DAYS -> "eurofxref-hist-90d.xml";
            case HISTORY -> "eurofxref-hist.zip";
        };
        URI uri = URI.create(baseUrl + "/" + file);
        Set<String> types = mode == UpdateMode.HISTORY ? ZIP_TYPES : XML_TYPES;
        FetchedDocument document = tracer.trace("fetch", () -> fetcher.get(uri, types, uri.toString()));
        List<PublishedRate> rates;
        try {
            rates = tracer.trace("parse", () -> mode == UpdateMode.HISTORY
                    ? new EcbHistoryZip().parse(document.body())
                    : new EcbXmlParser().parse(document.body()));
        } catch (FeedException e) {
            throw e.afterAttempts(document.attempts());
        }
        return new RatesFeed(CODE, uri.toString(), rates, document.attempts());
    }
}
