package io.fxrates.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import io.fxrates.embedded.EmbeddedDatabase;
import io.fxrates.schema.SchemaMigrations;

/**
 * The tests' PostgreSQL: one real server per test JVM (embedded, durability off), stopped when the
 * JVM exits. Each test class takes databases of its own from it, so that tests changing data do
 * not see each other. Never H2, never mocks.
 */
public final class TestPostgres {

    private static EmbeddedDatabase postgres;

    private TestPostgres() {
    }

    /** The shared server, started on first use. */
    public static synchronized EmbeddedDatabase server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedDatabase.start(Files.createTempDirectory("fxrates-test-pg"),
                        EmbeddedDatabase.Durability.THROWAWAY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(postgres::close));
        }
        return postgres;
    }

    /** A new database {@code name}, migrated to the current schema (replacing any of that name). */
    public static DataSource migratedDatabase(String name) {
        DataSource dataSource = emptyDatabase(name);
        SchemaMigrations.apply(dataSource);
        return dataSource;
    }

    /** A new, EMPTY database {@code name}: no schema, no migrations (replacing any of that name). */
    public static DataSource emptyDatabase(String name) {
        server().recreateDatabase(name);
        return dataSource(name);
    }

    /** Database {@code name}, as the superuser. */
    public static DataSource dataSource(String name) {
        return server().dataSource(name);
    }

    /** The JDBC URL of database {@code name}, without credentials (the user is {@link #user()}, no password). */
    public static String url(String name) {
        return server().jdbcUrl(name);
    }

    public static String user() {
        return server().user();
    }
}
