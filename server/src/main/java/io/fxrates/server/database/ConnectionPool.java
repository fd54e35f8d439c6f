package io.fxrates.server.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * HikariCP pools with every wait bounded on the client side (getting a connection, connecting and
 * logging in, each statement, the socket), so that a database that is down or frozen turns into a
 * quick failure, never a wait; and every new connection with the login's current password.
 */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * A pool named {@code name} of at most {@code size} connections to {@code login}; it starts even
     * when the database is down (readiness says so until it is back).
     */
    public static HikariDataSource create(String name, DatabaseLogin login, int size, Duration connectionTimeout,
                                          Duration statementTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(new LoginDataSource(login, properties(name, login, connectionTimeout, statementTimeout)));
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(2, size));
        hikari.setConnectionTimeout(connectionTimeout.toMillis());
        hikari.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 1000));
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /** pgjdbc's properties for {@code login}: time-outs, keep-alives, TLS; the password is added per connection. */
    static Properties properties(String applicationName, DatabaseLogin login, Duration connectionTimeout, Duration statementTimeout) {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        String connectSeconds = String.valueOf(Math.max(1, connectionTimeout.toSeconds()));
        properties.setProperty("connectTimeout", connectSeconds);
        properties.setProperty("loginTimeout", connectSeconds);
        properties.setProperty("tcpKeepAlive", "true");
        if (statementTimeout != null) {
            // Client-side: a frozen server (no answer at all) costs at most this; the socket waits a
            // little longer than the statement, so that PostgreSQL's own timeout (which cancels
            // cleanly) fires first when the server is merely slow.
            properties.setProperty("socketTimeout", String.valueOf(statementTimeout.toSeconds() + 2));
            properties.setProperty("options", "-c statement_timeout=" + statementTimeout.toMillis() + " -c TimeZone=UTC");
        }
        properties.setProperty("ApplicationName", applicationName);
        login.sslMode().ifPresent(mode -> properties.setProperty("sslmode", mode));
        login.sslRootCert().ifPresent(file -> properties.setProperty("sslrootcert", file));
        return properties;
    }

    /** Opens one connection now, with the login's current password. */
    static Connection connect(DatabaseLogin login, Properties properties) throws SQLException {
        Properties withPassword = new Properties();
        withPassword.putAll(properties);
        withPassword.setProperty("password", login.currentPassword());
        return DriverManager.getConnection(login.url(), withPassword);
    }

    /** What the pool opens connections with: the login's password as it is at each new connection. */
    private record LoginDataSource(DatabaseLogin login, Properties properties) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connect(login, properties);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool connects with its login only");
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
