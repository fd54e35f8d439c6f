package io.fxrates.server.database;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/** Brings the schema up to date with the migrations in {@code db/migration}. */
public final class Migrations {

    private Migrations() {
    }

    /** Applies pending migrations; returns how many ran. */
    public static int apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
