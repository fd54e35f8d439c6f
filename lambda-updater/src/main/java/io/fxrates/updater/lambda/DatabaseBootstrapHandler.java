package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.fxrates.log.JsonLogging;
import io.fxrates.log.LogContext;
import io.fxrates.log.StructuredLogger;
import io.fxrates.schema.DatabaseRoles;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one-off that sets up the database's identities
 * ({@code io.fxrates.updater.lambda.DatabaseBootstrapHandler::handleRequest}), invoked by
 * {@code scripts/deploy} after every deploy of the updater stack: the only code that reads the
 * RDS-managed master secret. It creates the writer and the reader, hands the master's objects to
 * the writer, applies pending migrations as the writer and grants the reader what the server
 * reads ({@link DatabaseRoles}); idempotent. Returns what it did, never a credential; throws on
 * failure, so that the invocation reports a FunctionError and the deploy stops.
 *
 * <p>Environment: FXRATES_DB_MASTER_SECRET_ARN, FXRATES_DB_URL (or the secret's host),
 * FXRATES_DB_WRITER_USER, FXRATES_DB_READER_USER, FXRATES_DB_SSL_MODE, FXRATES_DB_SSL_ROOT_CERT.
 */
public final class DatabaseBootstrapHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final StructuredLogger LOG = StructuredLogger.of(DatabaseBootstrapHandler.class);

    private final Map<String, String> env;
    private final Function<Map<String, String>, SecretSource> secrets;

    /** Used by the Lambda runtime. */
    public DatabaseBootstrapHandler() {
        this(System.getenv(), SecretsManagerSource::new);
        JsonLogging.install(System.out);
    }

    /** For tests: the environment and a secret source. */
    public DatabaseBootstrapHandler(Map<String, String> env, Function<Map<String, String>, SecretSource> secrets) {
        this.env = Map.copyOf(env);
        this.secrets = secrets;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (LogContext.Scope ignored = LogContext.enter(ScheduledUpdateHandler.traceId(),
                context == null ? null : context.getAwsRequestId())) {
            SecretSource source = secrets.apply(env);
            try {
                DatabaseRoles roles = new DatabaseRoles(DatabaseConnection.master(env, source),
                        env.getOrDefault("FXRATES_DB_WRITER_USER", "fxrates_writer"),
                        env.getOrDefault("FXRATES_DB_READER_USER", "fxrates_reader"));
                Map<String, Object> report = new LinkedHashMap<>(roles.bootstrap());
                report.put("outcome", "succeeded");
                LOG.info("database roles set up", report);
                return report;
            } catch (SQLException | RuntimeException e) {
                LOG.error("database roles could not be set up", Map.of("error", Map.of("message", String.valueOf(e.getMessage()))), e);
                throw new IllegalStateException("setting up the database roles failed: " + e.getMessage(), e);
            } finally {
                if (source instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        LOG.warn("closing the secrets client failed", Map.of("error", Map.of("message", String.valueOf(e.getMessage()))));
                    }
                }
            }
        }
    }
}
