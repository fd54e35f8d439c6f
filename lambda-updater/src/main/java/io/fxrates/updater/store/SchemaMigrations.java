package io.fxrates.updater.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings the database schema up to date with the server's migrations before a run, so the updater
 * never depends on the server having started first (a new AWS environment runs the Lambda before
 * any app instance exists).
 *
 * <p>The migration files belong to the server ({@code server/src/main/resources/db/migration});
 * the build packages them into this module as {@code fxrates/db/migration}, and only that location
 * is read here. Not {@code db/migration}: the server has this module's jar on its classpath and
 * scans {@code classpath:db/migration}, where a second copy would make Flyway find every version
 * twice. The script names, descriptions and checksums are the same in both places, and both use
 * Flyway's defaults (table {@code flyway_schema_history}), so the server and the updater validate
 * and apply the same history: whoever comes first applies, the other finds nothing pending.
 * Flyway serialises concurrent migrations with a PostgreSQL advisory lock, and ignores applied
 * versions it does not know ({@code *:future}), so an updater older than the server still runs.
 */
public final class SchemaMigrations {
    /** Where the build puts the server's migration files inside this module's jar (and the Lambda zip). */
    public static final String LOCATION = "classpath:fxrates/db/migration";

    private SchemaMigrations() {
    }

    /** Applies pending migrations (none, almost always); returns how many ran. */
    public static int apply(DataSource dataSource) {
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // A build that lost the packaged files must fail loudly, not "migrate" nothing.
                .failOnMissingLocations(true)
                // Never clean, never baseline a non-empty schema by guessing: fail and say why instead.
                .cleanDisabled(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
