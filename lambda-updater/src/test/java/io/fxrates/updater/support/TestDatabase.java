package io.fxrates.updater.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (zonky embedded, started once per test JVM) with the server's migrations
 * applied by Flyway from server/src/main/resources/db/migration. Never H2, never mocks.
 */
public final class TestDatabase {
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("filesystem:" + migrationsDir())
                    .load()
                    .migrate();
        }
        return postgres.getPostgresDatabase();
    }

    public static String jdbcUrl() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Empties what runs write and resets the providers, so each test starts from the migrated state. */
    public static void reset() {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE rate_correction, rate, update_run RESTART IDENTITY");
            s.execute("UPDATE provider SET data_version = 0, fetched_at = NULL, changed_at = NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new, EMPTY database (no schema, no migrations) in the same embedded PostgreSQL, for tests
     * of what the updater does on a database nothing has prepared.
     */
    public static DataSource emptyDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.getDatabase("postgres", name);
    }

    /**
     * The server's migrations: from the system property the pom sets, else found by walking up from
     * the working directory (an IDE may run tests from the repository root or the module).
     */
    static Path migrationsDir() {
        String configured = System.getProperty("fxrates.migrations.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path relative = Path.of("server", "src", "main", "resources", "db", "migration");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find the server's migrations (server/src/main/resources/db/migration) "
                + "above " + Path.of("").toAbsolutePath());
    }
}
