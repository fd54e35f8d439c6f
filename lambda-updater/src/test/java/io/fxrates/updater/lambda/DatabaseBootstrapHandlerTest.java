package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.fxrates.testing.FixtureServer;
import io.fxrates.testing.Fixtures;
import io.fxrates.testing.TestPostgres;
import io.fxrates.updater.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy's one-off, as in AWS but for Aurora itself: the master secret read from Secrets
 * Manager (moto) with container credentials, the roles set up on a new database whose master may
 * create roles but is no superuser, then the scheduled updater running as the writer with IAM
 * authentication (its token signed by the SDK; the local PostgreSQL trusts loopback, so that the
 * token is accepted is Aurora's part and not shown here), and the reader reading what it wrote.
 */
class DatabaseBootstrapHandlerTest {
    private static MotoServer moto;
    private static FixtureServer ecb;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start("DatabaseBootstrapHandlerTest");
        ecb = new FixtureServer();
        try (Connection c = TestPostgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS bootstrap_db WITH (FORCE)");
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aurora_master') THEN "
                    + "CREATE ROLE aurora_master LOGIN CREATEROLE; END IF; END $$");
            s.execute("CREATE DATABASE bootstrap_db OWNER aurora_master");
        }
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
        if (ecb != null) {
            ecb.close();
        }
    }

    private static String secret() {
        String url = TestPostgres.url("bootstrap_db");
        String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        return "{\"username\":\"aurora_master\",\"password\":\"managed-by-rds\",\"host\":\"" + hostPort.split(":")[0]
                + "\",\"port\":" + hostPort.split(":")[1] + ",\"dbname\":\"bootstrap_db\"}";
    }

    @Test
    void theOneOffSetsUpTheRolesAndTheUpdaterThenRunsAsTheWriterWithIamAuthentication() throws SQLException {
        String arn = moto.createSecret("fxrates/master", secret());
        ecb.on("eurofxref-daily.xml", FixtureServer.Reply.xml(Fixtures.bytes("ecb/eurofxref-daily.xml")));
        try (ContainerCredentialsEndpoint credentials = new ContainerCredentialsEndpoint()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "FXRATES_DB_MASTER_SECRET_ARN", arn,
                    "FXRATES_SECRETS_ENDPOINT", moto.endpoint(),
                    "AWS_REGION", "eu-central-1",
                    "FXRATES_DB_WRITER_USER", "fxrates_writer",
                    "FXRATES_DB_READER_USER", "fxrates_reader"));
            DatabaseBootstrapHandler bootstrap = new DatabaseBootstrapHandler(env, SecretsManagerSource::new);
            Map<String, Object> first = bootstrap.handleRequest(Map.of(), LambdaContexts.withRemaining(120_000));
            assertEquals("succeeded", first.get("outcome"));
            assertEquals(3, first.get("migrationsApplied"), "a new database: the writer applies the schema");
            assertFalse(first.toString().contains("managed-by-rds"), "no credential in the report: " + first);
            Map<String, Object> again = bootstrap.handleRequest(Map.of(), LambdaContexts.withRemaining(120_000));
            assertEquals(0, again.get("migrationsApplied"), "idempotent");
            assertEquals(false, again.get("writerCreated"));

            Map<String, String> updater = Map.of(
                    "FXRATES_DB_URL", TestPostgres.url("bootstrap_db"),
                    "FXRATES_DB_USER", "fxrates_writer",
                    "FXRATES_DB_IAM_AUTH", "true",
                    "AWS_REGION", "eu-central-1",
                    "FXRATES_ECB_BASE_URL", ecb.baseUrl());
            Map<String, Object> run = new ScheduledUpdateHandler(updater, e -> null, Tracer.NONE,
                    new PrintStream(new ByteArrayOutputStream())).handleRequest(new ScheduledEvent(), LambdaContexts.withRemaining(300_000));
            assertEquals("succeeded", run.get("outcome"));
            assertEquals(9, run.get("inserted"));
            assertTrue(credentials.served() >= 2, "the secret's read and the token's signature used the container's credentials");
        }
        PGSimpleDataSource reader = new PGSimpleDataSource();
        reader.setURL(TestPostgres.url("bootstrap_db"));
        reader.setUser("fxrates_reader");
        try (Connection c = reader.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM rate")) {
            rs.next();
            assertEquals(9, rs.getInt(1));
        }
    }

    @Test
    void aMissingSecretFailsTheInvocation() {
        DatabaseBootstrapHandler bootstrap = new DatabaseBootstrapHandler(Map.of("FXRATES_DB_MASTER_SECRET_ARN", "arn:missing"),
                e -> arn -> {
                    throw new IllegalArgumentException("no secret " + arn);
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bootstrap.handleRequest(Map.of(), null));
        assertTrue(e.getMessage().contains("no secret arn:missing"), e.getMessage());
    }
}
