package io.fxrates.updater.local;

import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.testing.TestPostgres;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.fxrates.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local runner: arguments, environment, exit status, one-line reasons. */
class LocalUpdateTest extends UpdaterTestBase {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return LocalUpdate.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("FXRATES_DB_URL", jdbcUrl());
        env.put("FXRATES_DB_USER", TestPostgres.user());
        env.put("FXRATES_ECB_BASE_URL", server.baseUrl());
        env.put("FXRATES_RETRY_INITIAL_BACKOFF_MS", "10");
        env.put("FXRATES_HTTP_READ_TIMEOUT_MS", "2000");
        return env;
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out.toString().contains("daily|90d|history"));
    }

    @Test
    void badUsageExitsWith2() {
        assertEquals(2, run(Map.of()));
        assertEquals(2, run(env(), "weekly"));
        assertTrue(err.toString().contains("unknown update mode 'weekly'"), err.toString());
        assertEquals(2, run(Map.of(), "daily"));
        assertTrue(err.toString().contains("FXRATES_DB_URL is not set"), err.toString());
    }

    @Test
    void aSuccessfulRunExitsWith0AndPrintsItsReport() {
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        assertEquals(0, run(env(), "daily"), err.toString());
        assertTrue(out.toString().contains("\"outcome\":\"succeeded\""), out.toString());
        assertTrue(out.toString().contains("\"inserted\":9"), out.toString());
    }

    @Test
    void aFailedRunExitsWith1AndSaysWhyInOneLine() {
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/unknown-currency.xml")));
        assertEquals(1, run(env(), "daily"));
        String reason = err.toString(StandardCharsets.UTF_8).trim();
        assertFalse(reason.contains("\n"), reason);
        assertTrue(reason.startsWith("LocalUpdate: daily update failed: validation failed (1 problem): unknown currency code 'XYZ'"), reason);
    }

    @Test
    void anUnreachableDatabaseFailsClearly() {
        Map<String, String> env = env();
        env.put("FXRATES_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");
        assertEquals(1, run(env, "daily"));
        assertTrue(err.toString().contains("database error"), err.toString());
    }
}
