package io.fxrates.server.config;

import java.util.Map;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's configuration table: defaults, profiles, and the FXRATES_* variables on top. */
class AppConfigTest {

    @Test
    void defaultsServeLocallyOnTheEmbeddedDatabaseWithoutTracing() {
        Config config = AppConfig.load(Map.of(), Map.of());
        assertEquals("127.0.0.1", config.get("server.host").asString().get());
        assertEquals(8080, config.get("server.port").asInt().get());
        assertEquals("", config.get("fxrates.database.url").asString().get());
        assertFalse(config.get("tracing.enabled").asBoolean().get());
        assertEquals(2, config.get("fxrates.freshness.max-business-days").asInt().get());
    }

    @Test
    void aProfileOverlaysTheDefaultsAndVariablesOverlayBoth() {
        Config prd = AppConfig.load(Map.of("FXRATES_PROFILE", "prd"), Map.of());
        assertEquals("0.0.0.0", prd.get("server.host").asString().get());
        assertEquals(2, prd.get("fxrates.freshness.max-business-days").asInt().get());
        assertEquals(3, AppConfig.load(Map.of("FXRATES_PROFILE", "dev"), Map.of()).get("fxrates.freshness.max-business-days")
                .asInt().get());
        assertTrue(prd.get("tracing.enabled").asBoolean().get());

        Config overridden = AppConfig.load(Map.of(
                "FXRATES_PROFILE", "prd",
                "FXRATES_PORT", "9090",
                "FXRATES_DB_URL", "jdbc:postgresql://db.internal:5432/fxrates",
                "FXRATES_DB_POOL_SIZE", "4",
                "FXRATES_TRACING_ENABLED", "false",
                "FXRATES_TRACING_ENDPOINT", "http://collector:9412/api/v2/spans",
                "FXRATES_FRESHNESS_MAX_BUSINESS_DAYS", "5"), Map.of());
        assertEquals(9090, overridden.get("server.port").asInt().get());
        assertEquals("jdbc:postgresql://db.internal:5432/fxrates", overridden.get("fxrates.database.url").asString().get());
        assertEquals(4, overridden.get("fxrates.database.pool-size").asInt().get());
        assertFalse(overridden.get("tracing.enabled").asBoolean().get());
        assertEquals("collector", overridden.get("tracing.host").asString().get());
        assertEquals(9412, overridden.get("tracing.port").asInt().get());
        assertEquals("/api/v2/spans", overridden.get("tracing.path").asString().get());
        assertEquals(5, overridden.get("fxrates.freshness.max-business-days").asInt().get());
    }

    @Test
    void badSettingsAreRefusedWithAReason() {
        var profile = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.load(Map.of("FXRATES_PROFILE", "../etc"), Map.of()));
        assertTrue(profile.getMessage().contains("dev, stg or prd"));
        var endpoint = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.load(Map.of("FXRATES_TRACING_ENDPOINT", "collector:9411"), Map.of()));
        assertTrue(endpoint.getMessage().contains("http://host:9411/api/v2/spans"));
    }
}
