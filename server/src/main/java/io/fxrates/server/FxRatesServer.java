package io.fxrates.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import io.fxrates.schema.SchemaMigrations;
import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.currencies.CurrenciesService;
import io.fxrates.server.currencies.CurrencyCatalog;
import io.fxrates.server.data.DataWatcher;
import io.fxrates.server.data.ResponseCache;
import io.fxrates.server.database.Database;
import io.fxrates.server.database.FirstStartLoad;
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
import io.helidon.dbclient.health.DbClientHealthCheck;
import io.helidon.health.HealthCheckType;
import io.helidon.http.DirectHandler;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.tracing.Tracer;
import io.helidon.tracing.TracerBuilder;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.ObserveFeatureConfig;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.tracing.TracingObserver;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * The running service, started in five steps, each taking what the previous ones made: the
 * database (external, or embedded for the local default), the schema, the data (rates, caches,
 * the first-start load), the routes, and observability (health, metrics, tracing). {@link Main}
 * starts one; tests start their own on a free port.
 */
public final class FxRatesServer implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(FxRatesServer.class.getName());

    /** What the data step makes: everything the routes and observability read rates through. */
    private record Data(DataWatcher watcher, ResponseCache cache, CurrencyCatalog catalog, RateQueries queries,
                        PublicationSchedule schedule, HttpCaching caching) {
    }

    private final WebServer webServer;
    private final Database database;
    private final Resources resources;

    private FxRatesServer(WebServer webServer, Database database, Resources resources) {
        this.webServer = webServer;
        this.database = database;
        this.resources = resources;
    }

    /** Starts everything {@code config} describes, with the real clock. */
    public static FxRatesServer start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts everything {@code config} describes; {@code clock} decides what "today" is. */
    public static FxRatesServer start(Config config, Clock clock) {
        Resources resources = new Resources();
        try {
            Config fx = config.get("fxrates");
            Database database = resources.add(Database.open(fx.get("database"), config.get("db.statements")));
            schema(database);
            Data data = data(fx, database, clock, resources);
            HttpRouting.Builder routing = routes(fx, data);
            ObserveFeature observability = observability(config, database, data, clock);
            WebServer server = listen(config, routing, observability);
            return new FxRatesServer(server, database, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** Step 2: brings the schema up to date (the updater does the same before each of its runs). */
    private static void schema(Database database) {
        int applied = SchemaMigrations.apply(database.pool());
        if (applied > 0) {
            LOGGER.info("Applied " + applied + " database migrations");
        }
    }

    /** Step 3: the rates as the server reads them, and on the local default's first start, their load. */
    private static Data data(Config fx, Database database, Clock clock, Resources resources) {
        String provider = fx.get("provider").asString().orElse("ECB");
        if (database.local()) {
            resources.add(FirstStartLoad.startIfEmpty(fx.get("first-start-load"), fx.get("database"), database.login(), provider));
        }
        DataWatcher watcher = resources.add(new DataWatcher(database.client(), provider))
                .start(fx.get("cache.refresh-interval").as(Duration.class).orElse(Duration.ofSeconds(2)));
        ResponseCache cache = new ResponseCache(fx.get("cache.max-bytes").asLong().orElse(32L * 1024 * 1024));
        watcher.onChange(state -> cache.clear());
        PublicationSchedule schedule = PublicationSchedule.ecb(clock);
        CurrencyCatalog catalog = new CurrencyCatalog(database.client(), watcher);
        RateQueries queries = new RateQueries(watcher, new RateRepository(database.client(), provider), catalog);
        return new Data(watcher, cache, catalog, queries, schedule, new HttpCaching(schedule));
    }

    /** Step 4: the API, the UI and the static files, behind the request-id and security-header filters. */
    private static HttpRouting.Builder routes(Config fx, Data data) {
        long maxRangeDays = fx.get("api.max-range-days").asLong().orElse(20_000L);
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestIds())
                .addFilter(new SecurityHeaders())
                .register("/static", StaticContentService.builder("static").welcomeFileName("index.html").build())
                .register("/v1/currencies", new CurrenciesService(data.catalog(), data.watcher(), data.cache(), data.caching()))
                .register("/v1", new RatesService(data.queries(), data.cache(), data.caching(), data.schedule(), maxRangeDays))
                .register("/", new UiService(data.queries(), data.watcher(), data.schedule()));
        NotFound.register(routing);
        ProblemResponses.register(routing);
        return routing;
    }

    /** Step 5: health (database and freshness), metrics (business figures included) and tracing. */
    private static ObserveFeature observability(Config config, Database database, Data data, Clock clock) {
        Config fx = config.get("fxrates");
        BusinessMetrics.register(data.watcher(), data.catalog(), data.cache(), database.pool(), clock);
        FreshnessCheck freshness = new FreshnessCheck(data.watcher(), data.schedule(),
                fx.get("freshness.max-business-days").asInt().orElse(2),
                fx.get("freshness.mode").asString().map(FreshnessCheck.Mode::parse).orElse(FreshnessCheck.Mode.DEGRADE));
        ObserveFeatureConfig.Builder observe = ObserveFeature.builder()
                .config(config.get("server.features.observe"))
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .useSystemServices(false)
                        .addCheck(DbClientHealthCheck.builder(database.client()).name("database").query().statementName("ping")
                                .timeout(Duration.ofSeconds(2)).build(), HealthCheckType.READINESS)
                        .addCheck(freshness)
                        .build())
                .addObserver(MetricsObserver.create());
        Tracer tracer = TracerBuilder.create(config.get("tracing")).build();
        if (tracer.enabled()) {
            Tracer.global(tracer);
            observe.addObserver(TracingObserver.create(tracer));
        }
        return observe.build();
    }

    /** Listens on {@code server.host}:{@code server.port} with the routes, observability and the OpenAPI document. */
    private static WebServer listen(Config config, HttpRouting.Builder routing, ObserveFeature observability) {
        Config server = config.get("server");
        WebServer webServer = WebServer.builder()
                .config(server)
                .contentEncoding(new ResponseEncoding())
                .directHandlers(handlers -> {
                    ProblemDirectHandler problems = new ProblemDirectHandler();
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, problems);
                    }
                })
                .addFeature(observability)
                .addFeature(OpenApiFeature.builder().config(config.get("openapi")).build())
                .routing(routing)
                .build()
                .start();
        if (!webServer.isRunning() || webServer.port() < 0) {
            throw new IllegalStateException("The web server could not listen on " + server.get("host").asString().orElse("127.0.0.1")
                    + ":" + server.get("port").asString().orElse("8080") + " (is the port in use? set FXRATES_PORT to another one)");
        }
        return webServer;
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
    public Optional<String> embeddedJdbcUrl() {
        return database.embeddedJdbcUrl();
    }

    @Override
    public void close() {
        webServer.stop();
        resources.close();
    }
}
