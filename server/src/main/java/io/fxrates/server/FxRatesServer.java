package io.fxrates.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.currencies.CurrenciesService;
import io.fxrates.server.data.ChangeNotifications;
import io.fxrates.server.data.RatesData;
import io.fxrates.server.database.Database;
import io.fxrates.server.docs.DocsService;
import io.fxrates.server.database.FirstStartLoad;
import io.fxrates.server.database.IsolatedSchemaMigrations;
import io.fxrates.server.health.BusinessMetrics;
import io.fxrates.server.health.FreshnessCheck;
import io.fxrates.server.http.AnswerCache;
import io.fxrates.server.http.Answers;
import io.fxrates.server.http.HeaderChecks;
import io.fxrates.server.http.HttpCaching;
import io.fxrates.server.http.NotFound;
import io.fxrates.server.http.ProblemDirectHandler;
import io.fxrates.server.http.ProblemResponses;
import io.fxrates.server.http.ResponseEncoding;
import io.fxrates.server.http.StaticFiles;
import io.fxrates.server.logging.RequestIds;
import io.fxrates.server.model.ModelLoader;
import io.fxrates.server.rates.RatesService;
import io.fxrates.server.ui.UiService;

import io.helidon.config.Config;
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

/**
 * The running service, started in five steps, each taking what the previous ones made: the
 * database (external, or embedded for the local default), the schema (applied, or checked where
 * the server may only read), the data (the read model, loaded and followed in the background, and
 * on the local default's first start, the history's load), the routes, and observability (health,
 * metrics, tracing). Requests are answered from memory: a database that does not answer at start
 * leaves the instance not ready, retrying with backoff, and one that goes away later changes no
 * answer. {@link Main} starts one; tests start their own on a free port.
 */
public final class FxRatesServer implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(FxRatesServer.class.getName());

    /** What the data step makes: what the routes and observability read the rates through. */
    private record Data(RatesData rates, ChangeNotifications notifications, Answers answers, PublicationSchedule schedule) {
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
            Database database = resources.add(Database.open(fx.get("database")));
            RatesData.SchemaStep schema = schema(fx.get("database"), database);
            Data data = data(config, database, schema, clock, resources);
            HttpRouting.Builder routing = routes(fx, data);
            ObserveFeature observability = observability(config, data, clock, resources);
            WebServer server = listen(config, routing, observability);
            return new FxRatesServer(server, database, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Step 2: how the schema is made ready, run by the data step before its first load (and
     * retried while the database does not answer): applied where the server's role may change it
     * (the local default, dev), otherwise ({@code migrate: false}, the read-only role in AWS)
     * checked, waiting for the updater to apply this build's migrations. Flyway runs in a class
     * loader of its own and leaves memory afterwards ({@link IsolatedSchemaMigrations}).
     */
    private static RatesData.SchemaStep schema(Config settings, Database database) {
        if (settings.get("migrate").asBoolean().orElse(true)) {
            return () -> {
                int applied = IsolatedSchemaMigrations.apply(database.pool());
                if (applied > 0) {
                    LOGGER.info("Applied " + applied + " database migrations");
                }
            };
        }
        return () -> {
            int pending = IsolatedSchemaMigrations.pending(database.pool());
            if (pending > 0) {
                throw new IllegalStateException(pending + " migrations of this build are not applied yet; the updater applies "
                        + "them before its next run (scripts/backfill-history or the schedule)");
            }
        };
    }

    /**
     * Step 3: the read model, loaded in the background and followed (LISTEN/NOTIFY, and a version
     * poll as fallback); the answer cache, emptied of what a new model replaces; on the local
     * default's first start, the history's load. Waits a little for the first model, so that a
     * server over a healthy database answers from its first request.
     */
    private static Data data(Config config, Database database, RatesData.SchemaStep schema, Clock clock, Resources resources) {
        Config fx = config.get("fxrates");
        String provider = fx.get("provider").asString().orElse("ECB");
        ModelLoader loader = new ModelLoader(database.pool(), provider, config.get("db.statements"));
        RatesData rates = resources.add(RatesData.start(loader, schema,
                fx.get("data.poll-interval").as(Duration.class).orElse(Duration.ofSeconds(2)), clock));
        AnswerCache cache = new AnswerCache(fx.get("cache.max-bytes").asLong().orElse(32L * 1024 * 1024));
        rates.onSwap(model -> cache.keepOnly(model.version(), model.generation()));
        ChangeNotifications notifications = resources.add(ChangeNotifications.start(database::connectDirectly, rates::wakeUp));
        if (database.local()) {
            rates.schemaReady().thenRun(() -> resources.add(FirstStartLoad.startIfEmpty(fx.get("first-start-load"),
                    fx.get("database"), database.login(), provider)));
        }
        Duration wait = fx.get("data.startup-wait").as(Duration.class).orElse(Duration.ofSeconds(10));
        if (!rates.awaitFirstModel(wait)) {
            LOGGER.warning("No rates loaded within " + wait.toSeconds() + " s (" + rates.database().lastError().orElse("?")
                    + "): not ready until they are; retrying in the background");
        }
        PublicationSchedule schedule = PublicationSchedule.ecb(clock);
        return new Data(rates, notifications, new Answers(cache, new HttpCaching(schedule)), schedule);
    }

    /** Step 4: the API, the UI, its reference page and the static files, behind the request-id filter. */
    private static HttpRouting.Builder routes(Config fx, Data data) {
        long maxRangeDays = fx.get("api.max-range-days").asLong().orElse(20_000L);
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestIds())
                .addFilter(new HeaderChecks())
                .register("/static", new StaticFiles())
                .register("/docs", new DocsService())
                .register("/v1/currencies", new CurrenciesService(data.rates()::current, data.answers()))
                .register("/v1", new RatesService(data.rates()::current, data.answers(), data.schedule(), maxRangeDays))
                .register("/", new UiService(data.rates()::current, data.answers(), data.schedule()));
        NotFound.register(routing);
        ProblemResponses.register(routing);
        return routing;
    }

    /** Step 5: health (the rates' readiness and freshness), metrics (business figures included) and tracing. */
    private static ObserveFeature observability(Config config, Data data, Clock clock, Resources resources) {
        Config fx = config.get("fxrates");
        resources.add(BusinessMetrics.register(data.rates(), data.answers().cache(), clock));
        FreshnessCheck freshness = new FreshnessCheck(data.rates(), data.notifications()::listening, data.schedule(),
                fx.get("freshness.max-business-days").asInt().orElse(2),
                fx.get("freshness.mode").asString().map(FreshnessCheck.Mode::parse).orElse(FreshnessCheck.Mode.DEGRADE));
        ObserveFeatureConfig.Builder observe = ObserveFeature.builder()
                .config(config.get("server.features.observe"))
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .useSystemServices(false)
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
