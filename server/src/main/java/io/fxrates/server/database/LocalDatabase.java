package io.fxrates.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.fxrates.embedded.EmbeddedDatabase;

/**
 * The local default's database (no {@code FXRATES_DB_URL}): an embedded PostgreSQL whose data is
 * kept between runs, with the application's database {@code fxrates} in it, and a file that says
 * where it listens so that {@code scripts/update-local} can load rates into it while the server
 * runs (the port changes with every start). The file is removed on close.
 */
public final class LocalDatabase implements AutoCloseable {

    static final String DATABASE = "fxrates";

    private final EmbeddedDatabase postgres;
    private final Path connectionFile;

    private LocalDatabase(EmbeddedDatabase postgres, Path connectionFile) {
        this.postgres = postgres;
        this.connectionFile = connectionFile;
    }

    /** Starts (or restarts) the database kept in {@code dataDirectory}. */
    public static LocalDatabase start(Path dataDirectory) {
        EmbeddedDatabase postgres = EmbeddedDatabase.start(dataDirectory, EmbeddedDatabase.Durability.DURABLE);
        try {
            postgres.createDatabaseIfMissing(DATABASE);
            Path file = dataDirectory.toAbsolutePath().resolveSibling("embedded-db.env");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "FXRATES_DB_URL=" + postgres.jdbcUrl(DATABASE) + "\nFXRATES_DB_USER=" + postgres.user() + "\n");
            return new LocalDatabase(postgres, file);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** The superuser; it needs no password on loopback. */
    public String user() {
        return postgres.user();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(connectionFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres.close();
        }
    }
}
