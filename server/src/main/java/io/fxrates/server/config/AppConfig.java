package io.fxrates.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Loads the configuration: {@code application.yaml}, overlaid by {@code application-<profile>.yaml}
 * when {@code FXRATES_PROFILE} names one (dev, stg, prd), overlaid by the {@code FXRATES_*}
 * environment variables of {@link #ENVIRONMENT}.
 *
 * <p>The variables are mapped by an explicit table rather than Helidon's generic env mapping so
 * that operators have one short, documented list (the README's configuration table) to learn.
 */
public final class AppConfig {

    /** Environment variable → configuration key. Keep in step with the README's table. */
    public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("FXRATES_HOST", "server.host"),
            Map.entry("FXRATES_PORT", "server.port"),
            Map.entry("FXRATES_DB_URL", "fxrates.database.url"),
            Map.entry("FXRATES_DB_USER", "fxrates.database.user"),
            Map.entry("FXRATES_DB_PASSWORD", "fxrates.database.password"),
            Map.entry("FXRATES_DB_PASSWORD_FILE", "fxrates.database.password-file"),
            Map.entry("FXRATES_DB_SSL_MODE", "fxrates.database.ssl-mode"),
            Map.entry("FXRATES_DB_SSL_ROOT_CERT", "fxrates.database.ssl-root-cert"),
            Map.entry("FXRATES_DB_POOL_SIZE", "fxrates.database.pool-size"),
            Map.entry("FXRATES_DB_MIGRATE", "fxrates.database.migrate"),
            Map.entry("FXRATES_DATA_DIR", "fxrates.database.embedded.data-dir"),
            Map.entry("FXRATES_LOAD_ON_FIRST_START", "fxrates.first-start-load.enabled"),
            Map.entry("FXRATES_ECB_BASE_URL", "fxrates.first-start-load.ecb-base-url"),
            Map.entry("FXRATES_TRACING_ENABLED", "tracing.enabled"),
            Map.entry("FXRATES_TRACING_ENDPOINT", "fxrates.tracing.endpoint"),
            Map.entry("FXRATES_FRESHNESS_MAX_BUSINESS_DAYS", "fxrates.freshness.max-business-days"),
            Map.entry("FXRATES_FRESHNESS_MODE", "fxrates.freshness.mode"));

    private AppConfig() {
    }

    /** Splits a Zipkin endpoint URL into the keys Helidon's Zipkin tracer reads. */
    private static void tracingEndpoint(String endpoint, Map<String, String> keys) {
        if (endpoint == null) {
            return;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FXRATES_TRACING_ENDPOINT is not a URL: " + endpoint, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("FXRATES_TRACING_ENDPOINT must look like http://host:9411/api/v2/spans, not "
                    + endpoint);
        }
        keys.put("tracing.protocol", uri.getScheme());
        keys.put("tracing.host", uri.getHost());
        keys.put("tracing.port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : 9411));
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            keys.put("tracing.path", uri.getPath());
        }
    }

    /** The configuration for this process's environment. */
    public static Config load() {
        return load(System.getenv(), Map.of());
    }

    /**
     * The configuration for the given environment, with {@code overrides} (configuration keys)
     * on top of everything; tests use them to point at their own database and port.
     */
    public static Config load(Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> fromEnvironment = new LinkedHashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                fromEnvironment.put(key, value.strip());
            }
        });
        tracingEndpoint(fromEnvironment.remove("fxrates.tracing.endpoint"), fromEnvironment);
        String profile = environment.getOrDefault("FXRATES_PROFILE", "").strip();
        var builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides).name("overrides"))
                .addSource(ConfigSources.create(fromEnvironment).name("environment"));
        if (!profile.isEmpty()) {
            if (!profile.matches("[a-z0-9-]{1,20}")) {
                throw new IllegalArgumentException("FXRATES_PROFILE must be a short lower-case name such as dev, stg or prd, not '"
                        + profile + "'");
            }
            builder.addSource(ConfigSources.classpath("application-" + profile + ".yaml"));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }
}
