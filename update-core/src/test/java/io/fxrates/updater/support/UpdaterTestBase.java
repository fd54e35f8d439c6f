package io.fxrates.updater.support;

import io.fxrates.testing.DatabaseAndProviderTest;
import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.updater.provider.HttpSettings;

import java.time.Duration;
import java.util.Map;

/** A migrated PostgreSQL, emptied before each test, a fixture HTTP server standing in for the ECB, and runs against both. */
public abstract class UpdaterTestBase extends DatabaseAndProviderTest {
    /** Fast retries for tests: 3 attempts, 10-40 ms apart, 1.5 s per attempt (generous for a loaded machine), 15 s in all. */
    public static final HttpSettings FAST_HTTP = new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(1500), 3,
            Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(15));

    protected UpdaterSettings settings() {
        return UpdaterSettings.fromEnvironment(Map.of("FXRATES_ECB_BASE_URL", server.baseUrl())).withHttp(FAST_HTTP);
    }

    protected UpdateReport run(UpdateMode mode) {
        return new UpdateRunner(dataSource, settings()).run(mode);
    }
}
