package io.fxrates.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

import javax.sql.DataSource;

import io.fxrates.testing.TestPostgres;

/**
 * The server tests' databases, each a fresh migrated database in the tests' one PostgreSQL
 * ({@link TestPostgres}), so that tests that change data do not see each other; and the ECB
 * fixtures loaded into them as the updater would.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** Creates an empty, migrated database named {@code name} and returns its JDBC URL. */
    public static String createDatabase(String name) {
        TestPostgres.migratedDatabase(name);
        return url(name);
    }

    public static String url(String name) {
        return TestPostgres.url(name);
    }

    public static DataSource dataSource(String name) {
        return TestPostgres.dataSource(name);
    }

    /**
     * Loads a CSV in the ECB's layout (date, then one column per currency, {@code N/A} where not
     * quoted) as ECB rates, and bumps the provider's data version as the updater would.
     */
    public static void loadEcbCsv(String database, String resource) {
        try (var in = TestDatabase.class.getResourceAsStream(resource);
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             Connection c = dataSource(database).getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO rate (provider, rate_date, currency, rate) VALUES ('ECB', ?, ?, ?)")) {
            c.setAutoCommit(false);
            String[] header = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                if (header == null) {
                    header = cells;
                    continue;
                }
                for (int i = 1; i < cells.length; i++) {
                    if (!cells[i].equals("N/A")) {
                        insert.setDate(1, Date.valueOf(LocalDate.parse(cells[0])));
                        insert.setString(2, header[i]);
                        insert.setBigDecimal(3, new BigDecimal(cells[i]));
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
            bumpVersion(c);
            c.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code sql} and bumps the data version in one transaction, as an update run would. */
    public static void update(String database, String sql) {
        try (Connection c = dataSource(database).getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute(sql);
            }
            bumpVersion(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bumpVersion(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("UPDATE provider SET data_version = data_version + 1, fetched_at = now(), changed_at = now() WHERE code = 'ECB'");
        }
    }
}
