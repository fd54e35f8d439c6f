package io.fxrates.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The database schema: the Flyway migrations in this module ({@code fxrates/db/migration} on the
 * classpath) and the one call that applies them. Whoever connects with a role that may change the
 * schema applies it before use: the updater before every run (a new AWS environment runs the
 * Lambda before any server exists), the server's local default at start. Whoever comes first
 * applies, the other finds nothing pending: Flyway serialises concurrent migrations with a
 * PostgreSQL advisory lock, and ignores applied versions it does not know ({@code *:future}), so an
 * older updater still runs against a newer schema.
 */
public final class SchemaMigrations {

    /** Where the migration files are on the classpath: under a name of ours, so no other jar's files can mix in. */
    public static final String LOCATION = "classpath:fxrates/db/migration";

    private SchemaMigrations() {
    }

    /** Applies pending migrations (none, almost always); returns how many ran. */
    public static int apply(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /**
     * How many of this build's migrations the database has not applied yet, without applying any:
     * for a role that may only read (the server in AWS), which waits until the updater migrates.
     */
    public static int pending(DataSource dataSource) {
        return flyway(dataSource).info().pending().length;
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // A build that lost the packaged files must fail loudly, not "migrate" nothing.
                .failOnMissingLocations(true)
                // Never clean, never baseline a non-empty schema by guessing: fail and say why instead.
                .cleanDisabled(true)
                .load();
    }
}
