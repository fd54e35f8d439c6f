package io.fxrates.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.fxrates.embedded.EmbeddedDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The master user (here, as on RDS, a role that may create roles but is no superuser, owning the
 * database) sets up the writer and the reader: the writer owns every object (those the master
 * created before included) and migrates; the reader may SELECT what the server reads and change
 * nothing; running it again changes nothing.
 */
class DatabaseRolesTest {

    private static EmbeddedDatabase postgres;

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("fxrates-roles-test"), EmbeddedDatabase.Durability.THROWAWAY);
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE master_user LOGIN CREATEROLE");
            s.execute("CREATE DATABASE roles_test OWNER master_user");
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static DataSource as(String role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.jdbcUrl("roles_test"));
        ds.setUser(role);
        return ds;
    }

    private static void execute(String role, String sql) throws SQLException {
        try (Connection c = as(role).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String owner(String table) throws SQLException {
        try (Connection c = as("master_user").getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = '" + table + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theWriterOwnsAndMigratesTheReaderOnlyReadsAndASecondRunChangesNothing() throws SQLException {
        // An environment whose schema the master user migrated earlier (as the server once did).
        SchemaMigrations.apply(as("master_user"));
        assertEquals("master_user", owner("rate"));

        Map<String, Object> first = new DatabaseRoles(as("master_user"), "fxrates_writer", "fxrates_reader").bootstrap();
        assertEquals(true, first.get("writerCreated"));
        assertEquals(true, first.get("readerCreated"));
        assertEquals(false, first.get("iamAuthentication"), "no rds_iam role outside RDS");
        assertEquals(0, first.get("migrationsApplied"));
        assertEquals(DatabaseRoles.SERVER_TABLES, first.get("readerMaySelect"));
        for (String table : List.of("rate", "provider", "currency", "update_run", "rate_correction", "flyway_schema_history")) {
            assertEquals("fxrates_writer", owner(table), table);
        }

        execute("fxrates_writer", "INSERT INTO rate VALUES ('ECB', '2025-05-09', 'USD', 1.1252)");
        execute("fxrates_writer", "UPDATE provider SET data_version = data_version + 1 WHERE code = 'ECB'");
        execute("fxrates_writer", "INSERT INTO update_run (provider, mode, started_at, outcome) VALUES ('ECB', 'daily', now(), 'running')");
        assertEquals(0, SchemaMigrations.apply(as("fxrates_writer")), "the writer may migrate: nothing pending");
        assertEquals(0, SchemaMigrations.pending(as("fxrates_reader")), "the reader sees the schema is current");

        execute("fxrates_reader", "SELECT count(*) FROM rate JOIN provider ON provider.code = rate.provider JOIN currency ON currency.code = rate.currency");
        for (String forbidden : List.of("INSERT INTO rate VALUES ('ECB', '2025-05-12', 'USD', 1.1)", "UPDATE provider SET data_version = 0",
                "DELETE FROM rate", "SELECT count(*) FROM update_run", "SELECT count(*) FROM rate_correction",
                "CREATE TABLE sneaky (id int)", "DROP TABLE rate")) {
            SQLException e = assertThrows(SQLException.class, () -> execute("fxrates_reader", forbidden), forbidden);
            assertTrue(e.getSQLState().startsWith("42"), forbidden + ": " + e.getSQLState() + " " + e.getMessage());
        }

        Map<String, Object> second = new DatabaseRoles(as("master_user"), "fxrates_writer", "fxrates_reader").bootstrap();
        assertEquals(false, second.get("writerCreated"));
        assertEquals(false, second.get("readerCreated"));
        assertEquals(0, second.get("objectsHandedOver"), "everything is the writer's already");
        assertFalse(second.toString().toLowerCase().contains("password"));
    }

    @Test
    void roleNamesArePlainAndTwo() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseRoles(as("master_user"), "w; DROP TABLE rate", "r"));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseRoles(as("master_user"), "same", "same"));
    }
}
