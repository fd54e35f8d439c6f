package io.fxrates.server.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fxrates.embedded.EmbeddedDatabase;
import io.fxrates.schema.SchemaMigrations;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS to the database as in AWS ({@code sslmode=verify-full} with the provider's CA bundle): the
 * server connects over TLS to a PostgreSQL whose certificate the given CA signed for its host
 * name, and refuses one it cannot verify (another CA, or a name the certificate does not carry),
 * staying not ready and saying why. Certificates are made by openssl for the test.
 */
class DatabaseTlsTest {

    private static Path certificates;
    private static EmbeddedDatabase postgres;

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        certificates = Files.createTempDirectory("fxrates-tls");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=fxrates test CA");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2",
                "-subj", "/CN=another CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(certificates.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
                "-days", "2", "-extfile", "san.ext");
        Files.setPosixFilePermissions(certificates.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("fxrates-tls-pg"), EmbeddedDatabase.Durability.THROWAWAY, Map.of(
                "ssl", "on",
                "ssl_cert_file", certificates.resolve("server.pem").toString(),
                "ssl_key_file", certificates.resolve("server.key").toString()));
        SchemaMigrations.apply(postgres.dataSource("postgres"));
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rate VALUES ('ECB', '2025-05-09', 'USD', 1.1252)");
            s.execute("UPDATE provider SET data_version = 1 WHERE code = 'ECB'");
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static TestServer server(String host, String ca) {
        return TestServer.start("jdbc:postgresql://" + host + ":" + postgres.port() + "/postgres", Map.of(
                "fxrates.database.ssl-mode", "verify-full",
                "fxrates.database.ssl-root-cert", certificates.resolve(ca).toString(),
                "fxrates.data.startup-wait", "PT3S"));
    }

    /** What pgjdbc says of a certificate chain it cannot trust, or of a host name the certificate does not name. */
    private static boolean refusedForTls(String readiness) {
        return readiness.contains("SSL") || readiness.contains("certificate") || readiness.contains("could not be verified");
    }

    @Test
    void verifyFullWithTheRightCaAndHostConnectsOverTls() throws SQLException {
        try (TestServer server = server("localhost", "ca.pem")) {
            assertEquals(200, server.get("/v1/latest?symbols=USD").statusCode());
            try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                         + "WHERE ssl AND application_name IN ('fxrates', 'fxrates-listen')")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "the server's connections use TLS");
            }
        }
    }

    @Test
    void aCertificateThatCannotBeVerifiedIsRefused() throws Exception {
        for (String[] wrong : new String[][] {{"localhost", "other-ca.pem"}, {"127.0.0.1", "ca.pem"}}) {
            try (TestServer server = server(wrong[0], wrong[1])) {
                var ready = server.get("/observe/health/ready");
                assertEquals(503, ready.statusCode(), String.join(" ", wrong) + ": " + ready.body());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!refusedForTls(ready.body()) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    ready = server.get("/observe/health/ready");
                }
                assertTrue(refusedForTls(ready.body()), ready.body());
                assertEquals(503, server.get("/v1/latest").statusCode());
            }
        }
    }
}
