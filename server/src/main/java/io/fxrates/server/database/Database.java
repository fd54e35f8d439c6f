package io.fxrates.server.database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The server's database: the one configured ({@code fxrates.database.url}), or the local default's
 * embedded PostgreSQL when none is; the web pool to it, and the DbClient that runs the named
 * statements of {@code db.statements} on that pool.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Database.class.getName());

    private final DatabaseLogin login;
    private final HikariDataSource pool;
    private final DbClient client;
    private final LocalDatabase local;

    private Database(DatabaseLogin login, HikariDataSource pool, DbClient client, LocalDatabase local) {
        this.login = login;
        this.pool = pool;
        this.client = client;
        this.local = local;
    }

    /** Connects as {@code settings} ({@code fxrates.database}) say; {@code statements} are {@code db.statements}. */
    public static Database open(Config settings, Config statements) {
        String url = settings.get("url").asString().orElse("");
        LocalDatabase local = null;
        DatabaseLogin login;
        if (url.isBlank()) {
            Path dataDir = settings.get("embedded.data-dir").asString().map(Path::of).orElseGet(Database::defaultDataDir);
            LOGGER.info("No FXRATES_DB_URL: starting the embedded PostgreSQL with its data in " + dataDir);
            local = LocalDatabase.start(dataDir);
            login = new DatabaseLogin(local.jdbcUrl(), local.user(), "");
        } else {
            login = new DatabaseLogin(url, settings.get("user").asString().orElse("fxrates"),
                    settings.get("password").asString().orElse(""));
        }
        try {
            HikariDataSource pool = ConnectionPool.create("fxrates", login, settings.get("pool-size").asInt().orElse(10),
                    settings.get("connection-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)),
                    settings.get("statement-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)));
            DbClient client = JdbcClientBuilder.create()
                    .connectionPool(() -> {
                        try {
                            return pool.getConnection();
                        } catch (SQLException e) {
                            throw new DbClientException("No database connection: " + e.getMessage(), e);
                        }
                    })
                    .statements(DbStatements.create(statements))
                    .build();
            return new Database(login, pool, client, local);
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

    /** The web pool (also what Flyway and the pool's metrics use). */
    public HikariDataSource pool() {
        return pool;
    }

    public DbClient client() {
        return client;
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
