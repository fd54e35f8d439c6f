package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.fxrates.updater.UpdateFailedException;
import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.log.JsonLogging;
import io.fxrates.log.LogContext;
import io.fxrates.log.StructuredLogger;
import io.fxrates.updater.tracing.Tracer;
import org.crac.Core;
import org.crac.Resource;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The Lambda entry point ({@code io.fxrates.updater.lambda.ScheduledUpdateHandler::handleRequest})
 * for EventBridge scheduled events. The mode is the event's {@code detail.mode} when the rule
 * sets one (a constant input such as {@code {"detail": {"mode": "90d"}}}), else FXRATES_UPDATE_MODE.
 *
 * <p>SnapStart: the constructor (which runs before the snapshot) reads only plain configuration.
 * Secrets are read and the database connected inside each invocation, and let go at its end, so
 * a snapshot holds neither a socket nor a secret; the CRaC hook only logs that this is so.
 *
 * <p>A failed run throws, so that the invocation counts as an error (CloudWatch's Errors metric,
 * alarms, EventBridge's retry), after its EMF line and its update_run row are written.
 */
public final class ScheduledUpdateHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {
    /** Time kept back from the Lambda time-out for recording a failed run (a connection and one update). */
    static final Duration RECORD_RESERVE = Duration.ofSeconds(15);
    /** The shortest run attempted, however little of the invocation is left. */
    private static final Duration MIN_RUN = Duration.ofSeconds(2);
    private static final StructuredLogger LOG = StructuredLogger.of(ScheduledUpdateHandler.class);

    private final Map<String, String> env;
    private final UpdaterSettings settings;
    private final Function<Map<String, String>, SecretSource> secrets;
    private final Tracer tracer;
    private final PrintStream metricsOut;

    /** Used by the Lambda runtime. */
    public ScheduledUpdateHandler() {
        this(System.getenv(), SecretsManagerSource::new, new XRayTracer(), System.out);
        // The server's log format, on stdout (which Lambda sends to CloudWatch Logs).
        JsonLogging.install(System.out);
        Core.getGlobalContext().register(this);
    }

    /** For tests: the environment, a secret source and where EMF lines go. */
    public ScheduledUpdateHandler(Map<String, String> env, Function<Map<String, String>, SecretSource> secrets,
                                  Tracer tracer, PrintStream metricsOut) {
        this.env = Map.copyOf(env);
        this.settings = UpdaterSettings.fromEnvironment(env);
        this.secrets = secrets;
        this.tracer = tracer;
        this.metricsOut = metricsOut;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        // Every log line of the invocation carries its request id and X-Ray trace id.
        try (LogContext.Scope ignored = LogContext.enter(traceId(), context == null ? null : context.getAwsRequestId())) {
            return invoke(event, context);
        }
    }

    private Map<String, Object> invoke(ScheduledEvent event, Context context) {
        String mode = "?";
        SecretSource source = null;
        try {
            UpdateMode updateMode = modeOf(event);
            mode = updateMode.value();
            UpdaterSettings runSettings = boundedBy(settings, context);
            source = secretsIfNeeded();
            return run(updateMode, runSettings, source);
        } catch (UpdateFailedException e) {
            throw e; // already logged, measured and recorded by the run
        } catch (RuntimeException e) {
            // The run could not start (a secret, the configuration): say so as JSON, then fail.
            LOG.error("update could not start", Map.of("mode", mode, "error", Map.of("message", String.valueOf(e.getMessage()))));
            throw e;
        } finally {
            if (source instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
    }

    /**
     * The X-Ray trace id of this invocation, for the log lines: the Root of the trace header the
     * Java runtime sets as a system property per invocation (the environment variable only at start).
     */
    static String traceId() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            if (part.strip().startsWith("Root=")) {
                return part.strip().substring("Root=".length());
            }
        }
        return null;
    }

    /** A Secrets Manager client for this invocation only, when a secret is configured. */
    private SecretSource secretsIfNeeded() {
        boolean needed = blankToNull(env.get("FXRATES_DB_SECRET_ARN")) != null
                || blankToNull(env.get("FXRATES_OXR_APP_ID_SECRET_ARN")) != null;
        return needed ? secrets.apply(env) : null;
    }

    private Map<String, Object> run(UpdateMode mode, UpdaterSettings runSettings, SecretSource source) {
        String oxrSecretArn = blankToNull(env.get("FXRATES_OXR_APP_ID_SECRET_ARN"));
        if (oxrSecretArn != null) {
            // Read only if an OXR run asks for it, and never kept beyond this invocation.
            runSettings = runSettings.withOxr(runSettings.oxrBaseUrl(), () -> source.secretString(oxrSecretArn).trim());
        }
        PGSimpleDataSource dataSource = DatabaseConnection.updater(env, source, "fxrates-updater-lambda");
        UpdateReport report = new UpdateRunner(dataSource, runSettings, tracer, Clock.systemUTC()).run(mode);
        metricsOut.println(new EmfMetrics(env.getOrDefault("FXRATES_METRICS_NAMESPACE", EmfMetrics.DEFAULT_NAMESPACE),
                Clock.systemUTC()).format(report));
        if (!report.succeeded()) {
            throw new UpdateFailedException(report);
        }
        return report.toMap();
    }

    /** The event's detail.mode, else the configured default. */
    UpdateMode modeOf(ScheduledEvent event) {
        Object mode = event == null || event.getDetail() == null ? null : event.getDetail().get("mode");
        return mode == null ? settings.defaultMode() : UpdateMode.parse(mode.toString());
    }

    /**
     * The run's time-outs within the invocation: the run ends {@link #RECORD_RESERVE} before Lambda
     * would stop it (so a failed run is still recorded), and keeps at most half of that for the write.
     */
    static UpdaterSettings boundedBy(UpdaterSettings settings, Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return settings;
        }
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RECORD_RESERVE);
        if (left.compareTo(MIN_RUN) < 0) {
            left = MIN_RUN;
        }
        Duration run = settings.runTimeout().compareTo(left) <= 0 ? settings.runTimeout() : left;
        Duration write = settings.writeTimeout().compareTo(run.dividedBy(2)) <= 0 ? settings.writeTimeout() : run.dividedBy(2);
        return settings.withTimeouts(run, write);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Nothing to close: no pool, no client, no secret outlives an invocation (see the class comment).
        LOG.info("snapshot: the handler holds no connection and no secret", Map.of());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Connections and secrets are created per invocation, so a restored copy reconnects by itself.
        LOG.info("restored from snapshot", Map.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing the secrets client failed", Map.of("error", Map.of("message", String.valueOf(e.getMessage()))));
        }
    }
}
