package io.fxrates.server.database;

import java.time.Duration;

import io.helidon.config.Config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The HikariCP pool that the DbClient, Flyway and the pool's metrics share.
 *
 * <p>Every wait is bounded (getting a connection, each statement, the socket) so that a database
 * that is down or hung turns into a quick 503, never a request that hangs.
 */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /** A pool for {@code url} configured from {@code database} ({@code fxrates.database}). */
    public static HikariDataSource create(Config database, String url, String user, String password) {
        Duration connectionTimeout = database.get("connection-timeout").as(Duration.class).orElse(Duration.ofSeconds(2));
        Duration statementTimeout = database.get("statement-timeout").as(Duration.class).orElse(Duration.ofSeconds(10));
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("fxrates");
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(database.get("pool-size").asInt().orElse(10));
        hikari.setMinimumIdle(Math.min(2, hikari.getMaximumPoolSize()));
        hikari.setConnectionTimeout(connectionTimeout.toMillis());
        hikari.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 1000));
        // Start even when the database is down: readiness says so and requests answer 503 until it is back.
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectionTimeout.toSeconds())));
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(statementTimeout.toSeconds() + 5));
        hikari.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis() + " -c TimeZone=UTC");
        hikari.addDataSourceProperty("ApplicationName", "fxrates-server");
        return new HikariDataSource(hikari);
    }
}
