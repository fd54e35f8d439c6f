package io.fxrates.updater.support;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.updater.provider.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

/** A migrated PostgreSQL, emptied before each test, and a fixture HTTP server standing in for the ECB. */
public abstract class UpdaterTestBase {
    /** Fast retries for tests: 3 attempts, 10-40 ms apart, 1.5 s per attempt (generous for a loaded machine), 15 s in all. */
    public static final HttpSettings FAST_HTTP = new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(1500), 3,
            Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(15));

    protected static FixtureServer server;
    protected static DataSource dataSource;
    protected static DbState db;

    @BeforeAll
    static void startServers() {
        dataSource = TestDatabase.dataSource();
        db = new DbState(dataSource);
        server = new FixtureServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void cleanState() {
        TestDatabase.reset();
        server.reset();
    }

    protected UpdaterSettings settings() {
        return UpdaterSettings.fromEnvironment(Map.of("FXRATES_ECB_BASE_URL", server.baseUrl())).withHttp(FAST_HTTP);
    }

    protected UpdateReport run(UpdateMode mode) {
        return new UpdateRunner(dataSource, settings()).run(mode);
    }
}
