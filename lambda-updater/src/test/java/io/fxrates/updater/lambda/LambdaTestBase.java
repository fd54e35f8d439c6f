package io.fxrates.updater.lambda;

import io.fxrates.testing.DatabaseAndProviderTest;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.updater.provider.HttpSettings;

import java.time.Duration;
import java.util.Map;

/** The handler's tests: a migrated PostgreSQL emptied before each test, and a fixture server playing the ECB. */
abstract class LambdaTestBase extends DatabaseAndProviderTest {

    /** Settings for runs outside the handler: fast retries against the fixture server. */
    protected UpdaterSettings settings() {
        return UpdaterSettings.fromEnvironment(Map.of("FXRATES_ECB_BASE_URL", server.baseUrl()))
                .withHttp(new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(1500), 3,
                        Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(15)));
    }
}
