package io.fxrates.server.database;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * HikariCP pools with every wait bounded (getting a connection, connecting, each statement, the
 * socket), so that a database that is down or hung turns into a quick failure, never a wait.
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
        hikari.setJdbcUrl(login.url());
        hikari.setUsername(login.user());
        hikari.setPassword(login.password());
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(2, size));
        hikari.setConnectionTimeout(connectionTimeout.toMillis());
        hikari.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 1000));
        hikari.setInitializationFailTimeout(-1);
        String connectSeconds = String.valueOf(Math.max(1, connectionTimeout.toSeconds()));
        hikari.addDataSourceProperty("connectTimeout", connectSeconds);
        hikari.addDataSourceProperty("loginTimeout", connectSeconds);
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        // Client-side: a frozen server (no answer at all) costs at most this; the socket waits a
        // little longer than the statement, so that PostgreSQL's own timeout (which cancels
        // cleanly) fires first when the server is merely slow.
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(statementTimeout.toSeconds() + 2));
        hikari.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis() + " -c TimeZone=UTC");
        hikari.addDataSourceProperty("ApplicationName", name);
        return new HikariDataSource(hikari);
    }
}
