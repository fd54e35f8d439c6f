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
 * @param http        timeouts and the retry policy
 */
public record UpdaterSettings(String provider,
                              String ecbBaseUrl,
                              String oxrBaseUrl,
                              Supplier<String> oxrAppId,
                              UpdateMode defaultMode,
                              HttpSettings http) {

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
                http);
    }

    public UpdaterSettings withProvider(String code) {
        return new UpdaterSettings(code, ecbBaseUrl, oxrBaseUrl, oxrAppId, defaultMode, http);
    }

    public UpdaterSettings withEcbBaseUrl(String url) {
        return new UpdaterSettings(provider, url, oxrBaseUrl, oxrAppId, defaultMode, http);
    }

    public UpdaterSettings withOxr(String baseUrl, Supplier<String> appId) {
        return new UpdaterSettings(provider, ecbBaseUrl, baseUrl, appId, defaultMode, http);
    }

    public UpdaterSettings withHttp(HttpSettings settings) {
        return new UpdaterSettings(provider, ecbBaseUrl, oxrBaseUrl, oxrAppId, defaultMode, settings);
    }

    @Override
    public String toString() {
        // Never print the key, even by accident.
        return "UpdaterSettings[provider=" + provider + ", ecbBaseUrl=" + ecbBaseUrl + ", oxrBaseUrl=" + oxrBaseUrl
                + ", defaultMode=" + defaultMode + ", http=" + http + "]";
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
