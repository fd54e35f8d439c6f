package io.fxrates.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.fxrates.server.CarrierThreads;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * The benchmark's baseline: a bare Helidon server answering, at {@code /<name>}, the exact bytes
 * and content type the real server answered for the same question (files {@code <name>.body} and
 * {@code <name>.type} in a folder scripts/benchmark fills), with nothing else to do.
 *
 * <pre>java -cp ... io.fxrates.server.bench.BareServer PORT FOLDER</pre>
 */
public final class BareServer {

    private BareServer() {
    }

    public static void main(String[] args) throws IOException {
        CarrierThreads.atLeastTwo(); // the same scheduler as the server's, one CPU or more
        int port = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        HttpRouting.Builder routing = HttpRouting.builder();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".body")).forEach(body -> {
                String name = body.getFileName().toString().replace(".body", "");
                byte[] bytes = read(body);
                HttpMediaType type = HttpMediaType.create(new String(read(folder.resolve(name + ".type"))).strip());
                String encoding = Files.exists(folder.resolve(name + ".encoding")) ? new String(read(folder.resolve(name + ".encoding"))).strip() : "";
                routing.get("/" + name, (req, res) -> {
                    res.headers().contentType(type);
                    if (!encoding.isEmpty()) {
                        res.header(HeaderNames.CONTENT_ENCODING, encoding);
                    }
                    res.send(bytes);
                });
            });
        }
        WebServer.builder().host("127.0.0.1").port(port).routing(routing).build().start();
        System.out.println("bare server on http://127.0.0.1:" + port + "/");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
