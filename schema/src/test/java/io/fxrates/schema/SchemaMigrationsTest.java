package io.fxrates.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import io.fxrates.embedded.EmbeddedDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** The schema applies to an empty database, once; applied migrations never change; the files sit under our own name. */
class SchemaMigrationsTest {

    private static EmbeddedDatabase postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("fxrates-schema-test"), EmbeddedDatabase.Durability.THROWAWAY);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void anEmptyDatabaseGetsEveryMigrationOnceAndTheSecondApplyDoesNothing() throws SQLException {
        postgres.recreateDatabase("schema_empty");
        DataSource dataSource = postgres.dataSource("schema_empty");
        List<String> files = migrationFiles();

        assertEquals(files.size(), SchemaMigrations.apply(dataSource));
        assertEquals(0, SchemaMigrations.apply(dataSource));

        assertEquals(files, column(dataSource, "SELECT script FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
        assertEquals(List.of("ECB", "OXR"), column(dataSource, "SELECT code FROM provider ORDER BY code"));
    }

    /**
     * Flyway refuses to start on a database whose applied migrations were edited afterwards (the
     * checksum differs), which would stop every server and updater in every environment: a change
     * of schema is always a new V<n>__ file. Add new files' sums to applied-migrations.sha256.
     */
    @Test
    void appliedMigrationsAreNeverEdited() throws IOException {
        List<String> recorded = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/applied-migrations.sha256")) {
            assertNotNull(in, "applied-migrations.sha256");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                String actual = sha256(migrationDirectory().resolve(parts[1]));
                if (!actual.equals(parts[0])) {
                    fail(parts[1] + " was edited after it was released (sha256 " + actual + ", recorded " + parts[0]
                            + "): put the change in a new migration instead");
                }
                recorded.add(parts[1]);
            }
        }
        assertEquals(migrationFiles(), recorded, "every migration file is recorded once its release is out");
    }

    @Test
    void theMigrationsArePackagedUnderOurOwnNameOnly() {
        ClassLoader loader = SchemaMigrations.class.getClassLoader();
        String first = migrationFiles().getFirst();
        assertNotNull(loader.getResource("fxrates/db/migration/" + first));
        assertNull(loader.getResource("db/migration/" + first), "Flyway's default location holds nothing of ours");
    }

    private static Path migrationDirectory() {
        try {
            return Path.of(SchemaMigrations.class.getClassLoader().getResource("fxrates/db/migration").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The migration files, in version order (V1__, V2__, ...). */
    private static List<String> migrationFiles() {
        try (var files = Files.list(migrationDirectory())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                    .toList();
            assertFalse(names.isEmpty());
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> column(DataSource dataSource, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
