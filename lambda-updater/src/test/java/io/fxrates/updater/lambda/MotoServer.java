package io.fxrates.updater.lambda;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * moto's emulator of AWS services ({@code moto_server}, from the Python tools scripts/test
 * installs), for the real AWS SDK clients: Secrets Manager here. Skipped with a message where it
 * is not installed; under CI ({@code CI=true}) its absence fails the test.
 */
final class MotoServer implements AutoCloseable {

    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static MotoServer start(String test) throws IOException, InterruptedException {
        String executable = findOnPath("moto_server");
        if (executable == null) {
            String message = test + ": moto_server is not on PATH: the AWS SDK clients are not exercised";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI installs it (scripts/test)");
            }
            System.out.println(message + ": SKIPPED");
            assumeTrue(false, message);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process moto = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                new Socket("127.0.0.1", port).close();
                return new MotoServer(moto, "http://127.0.0.1:" + port);
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline || !moto.isAlive()) {
                    moto.destroy();
                    throw new IllegalStateException("moto_server did not start", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** Stores a secret (with an admin client of the test's own, keys and all); returns its ARN. */
    String createSecret(String name, String value) {
        try (SecretsManagerClient admin = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            return admin.createSecret(r -> r.name(name + "-" + System.nanoTime()).secretString(value)).arn();
        }
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

    @Override
    public void close() {
        process.destroy();
    }
}
