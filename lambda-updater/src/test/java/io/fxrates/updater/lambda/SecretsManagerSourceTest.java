package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.fxrates.testing.FixtureServer.Reply;

import io.fxrates.updater.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fxrates.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real AWS SDK client (url-connection HTTP, SigV4, the JSON protocol) against moto's Secrets
 * Manager emulator, when moto_server is installed: the handler reads the database secret (host,
 * port, dbname, username, password) and runs. Skipped, with a message, without moto_server.
 */
class SecretsManagerSourceTest extends LambdaTestBase {
    private static Process moto;
    private static String endpoint;

    @BeforeAll
    static void startMoto() throws Exception {
        String executable = findOnPath("moto_server");
        if (executable == null) {
            System.out.println("SecretsManagerSourceTest SKIPPED: moto_server is not on PATH");
        }
        assumeTrue(executable != null, "moto_server is not on PATH: the Secrets Manager client is not exercised");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        moto = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        endpoint = "http://127.0.0.1:" + port;
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                new Socket("127.0.0.1", port).close();
                break;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline || !moto.isAlive()) {
                    throw new IllegalStateException("moto_server did not start", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.destroy();
        }
    }

    @Test
    void theHandlerReadsTheDatabaseSecretFromSecretsManager() {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(jdbcUrl());
        assertEquals(true, url.find());
        String secret = "{\"username\":\"postgres\",\"password\":\"postgres\",\"engine\":\"postgres\",\"host\":\""
                + url.group(1) + "\",\"port\":" + url.group(2) + ",\"dbname\":\"" + url.group(3) + "\"}";
        String arn;
        try (SecretsManagerClient admin = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            arn = admin.createSecret(r -> r.name("fxrates/db-" + System.nanoTime()).secretString(secret)).arn();
        }
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));

        Map<String, String> env = Map.of(
                "FXRATES_DB_SECRET_ARN", arn,
                "FXRATES_SECRETS_ENDPOINT", endpoint,
                "AWS_REGION", "eu-central-1",
                "FXRATES_ECB_BASE_URL", server.baseUrl());
        ScheduledUpdateHandler handler = new ScheduledUpdateHandler(env, SecretsManagerSource::new, Tracer.NONE,
                new PrintStream(new ByteArrayOutputStream()));
        Map<String, Object> result = handler.handleRequest(new ScheduledEvent(), LambdaContexts.withRemaining(300_000));

        assertEquals("succeeded", result.get("outcome"));
        assertEquals(9, result.get("inserted"));
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
