package io.fxrates.server.database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import io.fxrates.schema.DatabaseRoles;
import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;
import io.fxrates.testing.TestPostgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as it runs in AWS: the read-only role (set up by {@link DatabaseRoles}, as the
 * deploy's bootstrap does), no migrations of its own, and a password that changes under it (an
 * IAM token renewed every five minutes, or a rotated secret) read from a file for each new
 * connection. After the password changes and every connection of the server is cut, new
 * connections log in with the new one, without a restart; a wrong one keeps answers coming from
 * memory and says why in readiness until the file is right again.
 */
class CredentialRotationTest {

    private static final String READER = "rotating_reader";

    private static void superuser(String database, String... statements) throws SQLException {
        try (Connection c = TestDatabase.dataSource(database).getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The reader logs in with a password (scram), not the loopback trust the tests' other roles use. */
    private static void requirePasswordFor(String role) throws Exception {
        Path hba = TestPostgres.server().dataDirectory().resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256\n";
        if (!rules.startsWith(rule)) {
            Files.writeString(hba, rule + rules);
        }
        superuser("postgres", "SELECT pg_reload_conf()");
    }

    private static void write(Path file, String password) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, password + "\n", StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String waitFor(TestServer server, String path, Predicate<String> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body;
        do {
            body = server.get(path).body();
            if (until.test(body)) {
                return body;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + ": " + body);
    }

    @Test
    void aChangedPasswordIsPickedUpByNewConnectionsWithoutARestart() throws Exception {
        TestDatabase.createDatabase("rotation");
        TestDatabase.loadEcbCsv("rotation", "/fixtures/ecb-sample.csv");
        new DatabaseRoles(TestDatabase.dataSource("rotation"), "rotating_writer", READER).bootstrap();
        requirePasswordFor(READER);
        superuser("rotation", "ALTER ROLE " + READER + " PASSWORD 'token-one'");
        Path passwordFile = Files.createTempDirectory("fxrates-token").resolve("db-auth-token");
        write(passwordFile, "token-one");

        try (TestServer server = TestServer.start(TestDatabase.url("rotation"), Map.of(
                "fxrates.database.user", READER,
                "fxrates.database.password-file", passwordFile.toString(),
                "fxrates.database.migrate", "false",
                "fxrates.data.poll-interval", "PT0.2S"))) {
            assertEquals("2025-05-09", server.json("/v1/latest?symbols=USD").getString("date"), "logged in as the reader");

            // Rotation: a new password, the file rewritten, every connection of the server cut.
            superuser("rotation", "ALTER ROLE " + READER + " PASSWORD 'token-two'");
            write(passwordFile, "token-two");
            superuser("rotation", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + READER + "'");
            TestDatabase.update("rotation", "INSERT INTO rate VALUES ('ECB', '2025-05-12', 'USD', 1.1090)");
            waitFor(server, "/v1/latest?symbols=USD", body -> body.contains("2025-05-12"));

            // A password that no longer works: answers keep coming from memory, readiness says why.
            superuser("rotation", "ALTER ROLE " + READER + " PASSWORD 'token-three'");
            superuser("rotation", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + READER + "'");
            String ready = waitFor(server, "/observe/health/ready", body -> body.contains("password authentication failed"));
            assertTrue(ready.contains("\"status\":\"UP\""), ready);
            assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode());

            write(passwordFile, "token-three");
            TestDatabase.update("rotation", "UPDATE rate SET rate = 1.1091 WHERE rate_date = '2025-05-12' AND currency = 'USD'");
            waitFor(server, "/v1/latest?symbols=USD", body -> body.contains("\"USD\":1.1091"));
            assertTrue(server.get("/observe/health/ready").body().contains("\"database\":\"reachable\""));
        }
    }
}
