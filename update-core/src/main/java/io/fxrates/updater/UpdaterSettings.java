package io.fxrates.updater;

import io.fxrates.updater.ecb.EcbProvider;
import io.fxrates.updater.oxr.OpenExchangeRatesProvider;
import io.fxrates.updater.provider.HttpSettings;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a run needs besides a DataSource: which provider, where it lives, how patiently to fetch.
 * {@link #fromEnvironment(Map)} reads the {@code FXRATES_*} variables (docs/updater.md lists them).
 *
 * @param provider    provider code: ECB (default) or OXR
 * @param ecbBaseUrl  where eurofxref-daily.xml, eurofxref-hist-90d.xml and eurofxref-hist.zip live
 * @param oxrBaseUrl  the Open Exchange Rates API root
 * @param oxrAppId    the OXR key, asked for only when an OXR run starts (never stored in a snapshot)
 * @param defaultMode what a scheduled run does when its event does not say
 * @param http        timeouts and the retry policy of each document's fetch
 * @param runTimeout  the whole run, every document and the write, ends within this ({@link RunDeadline})
 * @param writeTimeout what the run keeps back for the write: fetching stops this long before the run's deadline
 */
public record UpdaterSettings(String provider,
                              String ecbBaseUrl,
                              String oxrBaseUrl,
                              Supplier<String> oxrAppId,
                              UpdateMode defaultMode,
                              HttpSettings http,
                              Duration runTimeout,
                              Duration writeTimeout) {

    /** Ten minutes for a run: far beyond a normal one (seconds), below Lambda's 15-minute limit. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(10);
    /** Two minutes for the write: a full history writes in 5 to 10 s. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofMinutes(2);

    public UpdaterSettings {
        if (writeTimeout.compareTo(runTimeout) >= 0) {
            throw new IllegalArgumentException("the write timeout (" + writeTimeout + ") must be shorter than the run timeout ("
                    + runTimeout + ")");
        }
    }

    /** Settings with the default run and write time-outs. */
    public UpdaterSettings(String provider, String ecbBaseUrl, String oxrBaseUrl, Supplier<String> oxrAppId,
                           UpdateMode defaultMode, HttpSettings http) {
        this(provider, ecbBaseUrl, oxrBaseUrl, oxrAppId, defaultMode, http, DEFAULT_RUN_TIMEOUT, DEFAULT_WRITE_TIMEOUT);
    }

    public static UpdaterSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static UpdaterSettings fromEnvironment(Map<String, String> env) {
        HttpSettings d = HttpSettings.defaults();
        HttpSettings http = new HttpSettings(
                millis(env, "FXRATES_HTTP_CONNECT_TIMEOUT_MS", d.connectTimeout()),
                millis(env, "FXRATES_HTTP_READ_TIMEOUT_MS", d.readTimeout()),
                integer(env, "FXRATES_RETRY_MAX_ATTEMPTS", d.maxAttempts()),
                millis(env, "FXRATES_RETRY_INITIAL_BACKOFF_MS", d.initialBackoff()),
                millis(env, "FXRATES_RETRY_MAX_BACKOFF_MS", d.maxBackoff()),
                millis(env, "FXRATES_RETRY_BUDGET_MS", d.retryBudget()));
        String appId = blankToNull(env.get("FXRATES_OXR_APP_ID"));
        return new UpdaterSettings(
                text(env, "FXRATES_PROVIDER", EcbProvider.CODE).toUpperCase(Locale.ROOT),
                text(env, "FXRATES_ECB_BASE_URL", EcbProvider.DEFAULT_BASE_URL),
                text(env, "FXRATES_OXR_BASE_URL", OpenExchangeRatesProvider.DEFAULT_BASE_URL),
                () -> appId,
                UpdateMode.parse(text(env, "FXRATES_UPDATE_MODE", UpdateMode.DAILY.value())),
                http,
                millis(env, "FXRATES_RUN_TIMEOUT_MS", DEFAULT_RUN_TIMEOUT),
                millis(env, "FXRATES_WRITE_TIMEOUT_MS", DEFAULT_WRITE_TIMEOUT));
    }

    public UpdaterSettings withProvider(String code) {
        return new UpdaterSettings(code, ecbBaseUrl, oxrBaseUrl, oxrAppId, defaultMode, http, runTimeout, writeTimeout);
    }

    public UpdaterSettings withEcbBaseUrl(String url) {
        return new UpdaterSettings(provider, url, oxrBaseUrl, oxrAppId, defaultMode, http, runTimeout, writeTimeout);
    }

    public UpdaterSettings withOxr(String baseUrl, Supplier<String> appId) {
        return new UpdaterSettings(provider, ecbBaseUrl, baseUrl, appId, defaultMode, http, runTimeout, writeTimeout);
    }

    public UpdaterSettings withHttp(HttpSettings settings) {
        return new UpdaterSettings(provider, ecbBaseUrl, oxrBaseUrl, oxrAppId, defaultMode, settings, runTimeout, writeTimeout);
    }

    /** These settings with the run and write time-outs given. */
    public UpdaterSettings withTimeouts(Duration run, Duration write) {
        return new UpdaterSettings(provider, ecbBaseUrl, oxrBaseUrl, oxrAppId, defaultMode, http, run, write);
    }

    @Override
    public String toString() {
        // Never print the key, even by accident.
        return "UpdaterSettings[provider=" + provider + ", ecbBaseUrl=" + ecbBaseUrl + ", oxrBaseUrl=" + oxrBaseUrl
                + ", defaultMode=" + defaultMode + ", http=" + http + ", runTimeout=" + runTimeout + ", writeTimeout="
                + writeTimeout + "]";
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = blankToNull(env.get(name));
        return value == null ? fallback : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + value + "' is not a whole number");
        }
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String value = blankToNull(env.get(name));
        try {
            return value == null ? fallback : Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + value + "' is not a number of milliseconds");
        }
    }
}
