package io.fxrates.server.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The server's database: the one configured ({@code fxrates.database.url}), or the local default's
 * embedded PostgreSQL when none is. Requests never use it: the server reads it only to load its
 * read model and to follow the data version, through a small pool whose every wait is bounded on
 * the client side ({@code connection-timeout}, {@code statement-timeout}), and one connection of
 * its own for LISTEN.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Database.class.getName());

    private final DatabaseLogin login;
    private final HikariDataSource pool;
    private final LocalDatabase local;
    private final Duration connectionTimeout;

    private Database(DatabaseLogin login, HikariDataSource pool, LocalDatabase local, Duration connectionTimeout) {
        this.login = login;
        this.pool = pool;
        this.local = local;
        this.connectionTimeout = connectionTimeout;
    }

    /** Connects as {@code settings} ({@code fxrates.database}) say; nothing is asked of the database yet. */
    public static Database open(Config settings) {
        String url = settings.get("url").asString().orElse("");
        LocalDatabase local = null;
        DatabaseLogin login;
        if (url.isBlank()) {
            Path dataDir = settings.get("embedded.data-dir").asString().map(Path::of).orElseGet(Database::defaultDataDir);
            LOGGER.info("No FXRATES_DB_URL: starting the embedded PostgreSQL with its data in " + dataDir);
            local = LocalDatabase.start(dataDir);
            login = DatabaseLogin.of(local.jdbcUrl(), local.user(), "");
        } else {
            login = DatabaseLogin.from(settings, url);
        }
        Duration connectionTimeout = settings.get("connection-timeout").as(Duration.class).orElse(Duration.ofSeconds(2));
        try {
            HikariDataSource pool = ConnectionPool.create("fxrates", login, settings.get("pool-size").asInt().orElse(2),
                    connectionTimeout, settings.get("statement-timeout").as(Duration.class).orElse(Duration.ofSeconds(5)));
            return new Database(login, pool, local, connectionTimeout);
        } catch (RuntimeException e) {
            if (local != null) {
                local.close();
            }
            throw e;
        }
    }

    private static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("fxrates").resolve("postgres");
    }

    public DatabaseLogin login() {
        return login;
    }

    /** The pool the model loads, the version poll and the schema step use. */
    public HikariDataSource pool() {
        return pool;
    }

    /**
     * A new connection outside the pool, for LISTEN (held open for as long as it works): the same
     * login and TLS, connect and login time-outs, TCP keep-alives to notice a peer that went away.
     */
    public Connection connectDirectly() throws SQLException {
        return ConnectionPool.connect(login, ConnectionPool.properties("fxrates-listen", login, connectionTimeout, null));
    }

    /** Whether this is the local default's embedded database. */
    public boolean local() {
        return local != null;
    }

    /** The embedded database's JDBC URL, when the server started one. */
    public Optional<String> embeddedJdbcUrl() {
        return Optional.ofNullable(local).map(LocalDatabase::jdbcUrl);
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
