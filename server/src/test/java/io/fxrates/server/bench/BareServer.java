package io.fxrates.server.bench;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.WebServer;

/**
 * The benchmark's baseline: a bare Helidon server answering a fixed JSON body, the speed the
 * read path is measured against (scripts/benchmark).
 */
public final class BareServer {

    private static final byte[] BODY = "{\"amount\":1.0,\"base\":\"USD\",\"date\":\"2025-05-09\",\"rates\":{\"GBP\":0.753377,\"JPY\":145.183}}"
            .getBytes(StandardCharsets.UTF_8);

    private BareServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get("/", (req, res) -> {
                    res.headers().contentType(HttpMediaTypes.JSON_UTF_8);
                    res.send(BODY);
                }))
                .build()
                .start();
        System.out.println("bare server on http://127.0.0.1:" + port + "/");
    }
}
