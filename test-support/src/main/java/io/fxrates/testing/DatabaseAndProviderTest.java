package io.fxrates.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of tests that run updates: a migrated database (one per test JVM, emptied of rates and
 * runs before each test) and a fixture HTTP server standing in for the provider.
 */
public abstract class DatabaseAndProviderTest {

    /** The database every such test of this JVM shares (tests run one after the other). */
    public static final String DATABASE = "fxrates_updates";

    private static DataSource shared;

    protected static FixtureServer server;
    protected static DataSource dataSource;
    protected static DbState db;

    @BeforeAll
    static void startServers() {
        dataSource = sharedDatabase();
        db = new DbState(dataSource);
        server = new FixtureServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void cleanState() {
        reset(dataSource);
        server.reset();
    }

    /** The JDBC URL of the shared database, without credentials. */
    protected static String jdbcUrl() {
        sharedDatabase();
        return TestPostgres.url(DATABASE);
    }

    private static synchronized DataSource sharedDatabase() {
        if (shared == null) {
            shared = TestPostgres.migratedDatabase(DATABASE);
        }
        return shared;
    }

    /** Empties what runs write and resets the providers, so each test starts from the migrated state. */
    public static void reset(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE rate_correction, rate, update_run RESTART IDENTITY");
            s.execute("UPDATE provider SET data_version = 0, fetched_at = NULL, changed_at = NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
