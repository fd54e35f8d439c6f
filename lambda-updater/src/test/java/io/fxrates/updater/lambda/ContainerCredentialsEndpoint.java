package io.fxrates.updater.lambda;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Lambda gives a SnapStart function instead of access-key variables: a local endpoint that
 * hands out the role's credentials to whoever shows the authorization token
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN). Set through the
 * SDK's system properties of the same meaning for the length of a test; the pom leaves no
 * access-key variable and no credentials file for the SDK to find instead.
 */
final class ContainerCredentialsEndpoint implements AutoCloseable {

    static final String ACCESS_KEY = "ASIACONTAINERTEST";
    static final String TOKEN = "container-authorization-token-for-tests";

    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    ContainerCredentialsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/2018-06-01/credentials", exchange -> {
            try (exchange) {
                if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(403, -1);
                    return;
                }
                served.incrementAndGet();
                byte[] body = ("{\"AccessKeyId\":\"" + ACCESS_KEY + "\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-session-token\",\"Expiration\":\""
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", TOKEN);
    }

    int served() {
        return served.get();
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
        server.stop(0);
    }
}
