package io.fxrates.updater.store;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.support.DbState;
import io.fxrates.updater.support.FixtureServer.Reply;
import io.fxrates.updater.support.TestDatabase;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.fxrates.updater.support.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updater brings the schema up to date itself: a run against an empty database (a new AWS
 * environment whose Lambda runs before any server started) succeeds, later runs apply nothing,
 * and a database the server migrated (from its own db/migration) is left as it is.
 */
class SchemaMigrationsTest extends UpdaterTestBase {
    private static final String HISTORY = "SELECT installed_rank || '|' || version || '|' || script || '|' || checksum"
            + " || '|' || installed_on::text || '|' || success FROM flyway_schema_history ORDER BY installed_rank";

    @Test
    void aRunAgainstAnEmptyDatabaseAppliesTheMigrationsAndASecondRunnerAppliesNothing() {
        DataSource empty = TestDatabase.emptyDatabase("fxrates_empty");
        DbState emptyDb = new DbState(empty);
        assertEquals(0L, emptyDb.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));

        UpdateReport first = new UpdateRunner(empty, settings()).run(UpdateMode.DAILY);
        assertTrue(first.succeeded(), first.toJson());
        assertEquals(9, first.inserted());
        assertEquals(9L, emptyDb.count("SELECT count(*) FROM rate"));
        List<String> applied = emptyDb.rows(HISTORY);
        assertEquals(migrationFiles(), emptyDb.rows("SELECT script FROM flyway_schema_history ORDER BY installed_rank"));
        assertTrue(applied.stream().allMatch(row -> row.endsWith("|true")), applied.toString());

        UpdateReport second = new UpdateRunner(empty, settings()).run(UpdateMode.DAILY);
        assertTrue(second.succeeded(), second.toJson());
        assertEquals(0, second.inserted());
        assertEquals(9, second.unchanged());
        // Nothing re-applied: the same rows, the same installation times.
        assertEquals(applied, emptyDb.rows(HISTORY));
    }

    @Test
    void aDatabaseTheServerMigratedIsLeftAsItIs() {
        // TestDatabase applied the server's files from server/src/main/resources/db/migration, as the
        // server does from classpath:db/migration: the updater's packaged copy validates against that
        // history (same scripts, same checksums) and finds nothing to do.
        List<String> before = db.rows(HISTORY);
        assertFalse(before.isEmpty());
        assertEquals(0, SchemaMigrations.apply(dataSource));
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        UpdateReport report = run(UpdateMode.DAILY);
        assertTrue(report.succeeded(), report.toJson());
        assertEquals(before, db.rows(HISTORY));
    }

    @Test
    void twoRunnersStartingTogetherOnAnEmptyDatabaseApplyEachMigrationOnce() throws Exception {
        DataSource empty = TestDatabase.emptyDatabase("fxrates_empty_concurrent");
        DbState emptyDb = new DbState(empty);
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<UpdateReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return new UpdateRunner(empty, settings()).run(UpdateMode.DAILY);
                }));
            }
            start.countDown();
            for (Future<UpdateReport> run : runs) {
                UpdateReport report = run.get();
                assertTrue(report.succeeded(), report.toJson());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(migrationFiles(), emptyDb.rows("SELECT script FROM flyway_schema_history ORDER BY installed_rank"));
        assertEquals(9L, emptyDb.count("SELECT count(*) FROM rate"));
    }

    @Test
    void theMigrationsArePackagedUnderTheUpdatersOwnNameNotDbMigration() {
        // The server scans classpath:db/migration and has this module on its classpath: a copy there
        // would give it every version twice ("Found more than one migration with version 1").
        ClassLoader loader = SchemaMigrations.class.getClassLoader();
        URL v1 = loader.getResource("fxrates/db/migration/" + migrationFiles().getFirst());
        assertNotNull(v1, "the server's migrations are packaged as fxrates/db/migration");
        assertTrue(v1.toString().contains("lambda-updater"), v1.toString());
        assertNull(loader.getResource("db/migration/" + migrationFiles().getFirst()),
                "nothing of this module may sit in db/migration");
    }

    /** The server's migration files, in version order (V1__, V2__, ...). */
    private static List<String> migrationFiles() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("fxrates.migrations.dir")))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
