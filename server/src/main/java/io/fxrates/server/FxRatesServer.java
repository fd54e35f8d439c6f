package io.fxrates.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.currencies.CurrenciesService;
import io.fxrates.server.currencies.CurrencyCatalog;
import io.fxrates.server.data.DataWatcher;
import io.fxrates.server.data.ResponseCache;
import io.fxrates.server.database.ConnectionPool;
import io.fxrates.server.database.EmbeddedDatabase;
import io.fxrates.server.database.FirstStartLoader;
import io.fxrates.server.database.Migrations;
import io.fxrates.server.health.BusinessMetrics;
import io.fxrates.server.health.FreshnessCheck;
import io.fxrates.server.http.HttpCaching;
import io.fxrates.server.http.NotFound;
import io.fxrates.server.http.ProblemDirectHandler;
import io.fxrates.server.http.ProblemResponses;
import io.fxrates.server.http.ResponseEncoding;
import io.fxrates.server.http.SecurityHeaders;
import io.fxrates.server.logging.RequestIds;
import io.fxrates.server.rates.RateQueries;
import io.fxrates.server.rates.RateRepository;
import io.fxrates.server.rates.RatesService;
import io.fxrates.server.ui.UiService;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.health.DbClientHealthCheck;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.health.HealthCheckType;
import io.helidon.http.DirectHandler;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.tracing.Tracer;
import io.helidon.tracing.TracerBuilder;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.tracing.TracingObserver;
import io.helidon.webserver.staticcontent.StaticContentService;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The running service: database (external, or embedded for the local default), schema, caches,
 * routes and observability, wired from configuration. {@link Main} starts one; tests start
 * their own on a free port.
 */
public final class FxRatesServer implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(FxRatesServer.class.getName());

    private final List<AutoCloseable> resources;
    private final WebServer webServer;
    private final EmbeddedDatabase embedded;

    private FxRatesServer(WebServer webServer, EmbeddedDatabase embedded, List<AutoCloseable> resources) {
        this.webServer = webServer;
        this.embedded = embedded;
        this.resources = resources;
    }

    /** Starts everything {@code config} describes, with the real clock. */
    public static FxRatesServer start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts everything {@code config} describes; {@code clock} decides what "today" is. */
    public static FxRatesServer start(Config config, Clock clock) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Config fx = config.get("fxrates");
            Config database = fx.get("database");
            String url = database.get("url").asString().orElse("");
            EmbeddedDatabase embedded = null;
            String user = database.get("user").asString().orElse("fxrates");
            String password = database.get("password").asString().orElse("");
            if (url.isBlank()) {
                Path dataDir = database.get("embedded.data-dir").asString().map(Path::of).orElseGet(FxRatesServer::defaultDataDir);
                LOGGER.info("No FXRATES_DB_URL: starting the embedded PostgreSQL with its data in " + dataDir);
                embedded = EmbeddedDatabase.start(dataDir);
                resources.add(embedded);
                url = embedded.jdbcUrl();
                user = embedded.user();
                password = "";
            }
            HikariDataSource pool = ConnectionPool.create(database, url, user, password);
            resources.add(pool);
            int migrations = Migrations.apply(pool);
            if (migrations > 0) {
                LOGGER.info("Applied " + migrations + " database migrations");
            }

            DbClient db = JdbcClientBuilder.create()
                    .connectionPool(() -> {
                        try {
                            return pool.getConnection();
                        } catch (java.sql.SQLException e) {
                            throw new io.helidon.dbclient.DbClientException("No database connection: " + e.getMessage(), e);
                        }
                    })
                    .statements(DbStatements.create(config.get("db.statements")))
                    .build();

            String provider = fx.get("provider").asString().orElse("ECB");
            if (embedded != null) {
                FirstStartLoader.loadIfEmpty(pool, provider, database.get("embedded"));
            }
            DataWatcher data = new DataWatcher(db, provider)
                    .start(fx.get("cache.refresh-interval").as(Duration.class).orElse(Duration.ofSeconds(2)));
            resources.add(data);
            ResponseCache cache = new ResponseCache(fx.get("cache.max-bytes").asLong().orElse(32L * 1024 * 1024));
            data.onChange(state -> cache.clear());
            PublicationSchedule schedule = PublicationSchedule.ecb(clock);
            HttpCaching caching = new HttpCaching(schedule);
            CurrencyCatalog catalog = new CurrencyCatalog(db, data);
            RateQueries queries = new RateQueries(data, new RateRepository(db, provider), catalog);
            BusinessMetrics.register(data, catalog, cache, pool, clock);

            Tracer tracer = TracerBuilder.create(config.get("tracing")).build();
            if (tracer.enabled()) {
                Tracer.global(tracer);
            }
            FreshnessCheck freshness = new FreshnessCheck(data, schedule,
                    fx.get("freshness.max-business-days").asInt().orElse(2),
                    fx.get("freshness.mode").asString().map(FreshnessCheck.Mode::parse).orElse(FreshnessCheck.Mode.DEGRADE));
            io.helidon.webserver.observe.ObserveFeatureConfig.Builder observe = ObserveFeature.builder()
                    .config(config.get("server.features.observe"))
                    .addObserver(HealthObserver.builder()
                            .details(true)
                            .useSystemServices(false)
                            .addCheck(DbClientHealthCheck.builder(db).name("database").query().statementName("ping")
                                    .timeout(Duration.ofSeconds(2)).build(), HealthCheckType.READINESS)
                            .addCheck(freshness)
                            .build())
                    .addObserver(MetricsObserver.create());
            if (tracer.enabled()) {
                observe.addObserver(TracingObserver.create(tracer));
            }

            long maxRangeDays = fx.get("api.max-range-days").asLong().orElse(20_000L);
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .contentEncoding(new ResponseEncoding())
                    .directHandlers(handlers -> {
                        ProblemDirectHandler problems = new ProblemDirectHandler();
                        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                            handlers.addHandler(type, problems);
                        }
                    })
                    .addFeature(observe.build())
                    .addFeature(OpenApiFeature.builder().config(config.get("openapi")).build())
                    .routing(routing -> routes(routing, queries, catalog, data, cache, caching, schedule, maxRangeDays))
                    .build()
                    .start();
            if (!server.isRunning() || server.port() < 0) {
                throw new IllegalStateException("The web server could not listen on " + config.get("server.host").asString()
                        .orElse("127.0.0.1") + ":" + config.get("server.port").asString().orElse("8080")
                        + " (is the port in use? set FXRATES_PORT to another one)");
            }
            return new FxRatesServer(server, embedded, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static void routes(HttpRouting.Builder routing, RateQueries queries, CurrencyCatalog catalog, DataWatcher data,
                               ResponseCache cache, HttpCaching caching, PublicationSchedule schedule, long maxRangeDays) {
        routing.addFilter(new RequestIds())
                .addFilter(new SecurityHeaders())
                .register("/static", StaticContentService.builder("static").welcomeFileName("index.html").build())
                .register("/v1/currencies", new CurrenciesService(catalog, data, cache, caching))
                .register("/v1", new RatesService(queries, cache, caching, schedule, maxRangeDays))
                .register("/", new UiService(queries, data, schedule));
        NotFound.register(routing);
        ProblemResponses.register(routing);
    }

    private static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("fxrates").resolve("postgres");
    }

    /** The port the server listens on. */
    public int port() {
        return webServer.port();
    }

    /** Where the server can be opened in a browser. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** The embedded database's JDBC URL, when the server started one. */
    public java.util.Optional<String> embeddedJdbcUrl() {
        return java.util.Optional.ofNullable(embedded).map(EmbeddedDatabase::jdbcUrl);
    }

    @Override
    public void close() {
        webServer.stop();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOGGER.warning("Could not close " + resources.get(i) + ": " + e.getMessage());
            }
        }
    }
}
