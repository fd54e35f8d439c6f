package io.fxrates.updater.store;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.testing.DbState;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.testing.TestPostgres;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.fxrates.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updater brings the schema up to date itself: a run against an empty database (a new AWS
 * environment whose Lambda runs before any server started) succeeds, later runs apply nothing,
 * and two runs starting together apply each migration once.
 */
class UpdaterAppliesSchemaTest extends UpdaterTestBase {
    private static final String HISTORY = "SELECT installed_rank || '|' || version || '|' || script || '|' || checksum"
            + " || '|' || installed_on::text || '|' || success FROM flyway_schema_history ORDER BY installed_rank";

    @Test
    void aRunAgainstAnEmptyDatabaseAppliesTheMigrationsAndASecondRunnerAppliesNothing() {
        DataSource empty = TestPostgres.emptyDatabase("fxrates_empty");
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
    void twoRunnersStartingTogetherOnAnEmptyDatabaseApplyEachMigrationOnce() throws Exception {
        DataSource empty = TestPostgres.emptyDatabase("fxrates_empty_concurrent");
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

    /** The scripts the schema module's migrations consist of, as applied to the shared test database. */
    private static List<String> migrationFiles() {
        List<String> scripts = db.rows("SELECT script FROM flyway_schema_history ORDER BY installed_rank");
        assertFalse(scripts.isEmpty());
        assertTrue(scripts.getFirst().startsWith("V1__"), scripts.toString());
        return scripts;
    }
}
