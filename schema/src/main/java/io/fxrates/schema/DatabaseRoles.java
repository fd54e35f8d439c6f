package io.fxrates.schema;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The database's two identities, set up by its master user and by nothing else: a writer (the
 * updater), which owns the schema's objects and applies the migrations, and a reader (the server),
 * which may only SELECT the tables it reads. Idempotent: run on every deploy, it creates what is
 * missing, hands objects the master user created earlier to the writer, applies pending migrations
 * as the writer, and grants the reader its tables. Both roles log in with IAM authentication where
 * the database offers it (Aurora's {@code rds_iam} role).
 */
public final class DatabaseRoles {

    /** What the server reads: the reader gets SELECT on these and nothing else. */
    public static final List<String> SERVER_TABLES = List.of("provider", "currency", "rate", "flyway_schema_history");

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Logger LOGGER = Logger.getLogger(DatabaseRoles.class.getName());

    private final DataSource master;
    private final String writer;
    private final String reader;

    /** The roles {@code writer} and {@code reader}, set up through {@code master} (the master user's connection). */
    public DatabaseRoles(DataSource master, String writer, String reader) {
        this.master = master;
        this.writer = role(writer);
        this.reader = role(reader);
        if (writer.equals(reader)) {
            throw new IllegalArgumentException("the writer and the reader must be two roles, not both " + writer);
        }
    }

    private static String role(String name) {
        if (name == null || !ROLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain role name: " + name);
        }
        return name;
    }

    /** Sets everything up; returns what was done (no credential in it). */
    public Map<String, Object> bootstrap() throws SQLException {
        Map<String, Object> report = new LinkedHashMap<>();
        try (Connection c = master.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            report.put("writerCreated", createRole(s, writer));
            report.put("readerCreated", createRole(s, reader));
            boolean iam = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam'");
            if (iam) {
                s.execute("GRANT rds_iam TO " + writer + ", " + reader);
            }
            report.put("iamAuthentication", iam);
            // The master user becomes a member of the writer, so that it may hand objects over.
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper")) {
                s.execute("GRANT " + writer + " TO CURRENT_USER");
            }
            s.execute("DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO " + writer + ", " + reader
                    + "', current_database()); END $$");
            s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + writer);
            s.execute("GRANT USAGE ON SCHEMA public TO " + reader);
            report.put("objectsHandedOver", handOver(c, s));
        }
        int applied = SchemaMigrations.apply(new AsRole(master, writer));
        report.put("migrationsApplied", applied);
        try (Connection c = master.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            List<String> granted = new ArrayList<>();
            for (String table : SERVER_TABLES) {
                if (exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + table + "'")) {
                    s.execute("GRANT SELECT ON public." + table + " TO " + reader);
                    granted.add(table);
                }
            }
            report.put("readerMaySelect", granted);
        }
        report.put("writer", writer);
        report.put("reader", reader);
        LOGGER.info("Database roles ready: " + report);
        return report;
    }

    private static boolean createRole(Statement s, String role) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
            if (rs.next()) {
                return false;
            }
        }
        s.execute("CREATE ROLE " + role + " LOGIN");
        return true;
    }

    /** Tables, sequences and views of the public schema that the master user owns go to the writer. */
    private int handOver(Connection c, Statement s) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, c.relname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v')
                   AND pg_get_userbyid(c.relowner) = current_user
                   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                statements.add("ALTER " + rs.getString(1) + " public." + quote(rs.getString(2)) + " OWNER TO " + writer);
            }
        }
        for (String statement : statements) {
            s.execute(statement);
        }
        return statements.size();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** The master's connections, each switched to {@code role} first: migrations create objects the writer owns. */
    private record AsRole(DataSource master, String role) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = master.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SET ROLE " + role);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the master's own credentials only");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
