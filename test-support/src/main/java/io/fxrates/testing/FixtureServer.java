package io.fxrates.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's HttpServer) that plays the ECB: each path answers
 * with a script of responses, one per request, the last one repeating. Faults are responses too:
 * a status, a delay longer than the client's timeout, a wrong content type, a truncated body.
 */
public final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> lastQuery = new ConcurrentHashMap<>();

    public record Reply(int status, String contentType, byte[] body, Map<String, String> headers, long delayMillis) {
        public static Reply ok(String contentType, byte[] body) {
            return new Reply(200, contentType, body, Map.of(), 0);
        }

        public static Reply xml(byte[] body) {
            return ok("text/xml", body);
        }

        public static Reply zip(byte[] body) {
            return ok("application/zip", body);
        }

        public static Reply status(int status) {
            return new Reply(status, "text/plain", ("status " + status).getBytes(), Map.of(), 0);
        }

        public static Reply tooManyRequests(int retryAfterSeconds) {
            return new Reply(429, "text/plain", "slow down".getBytes(), Map.of("Retry-After", String.valueOf(retryAfterSeconds)), 0);
        }

        public Reply delayed(long millis) {
            return new Reply(status, contentType, body, headers, millis);
        }
    }

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fixture-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to give the updater, e.g. http://127.0.0.1:12345/stats/eurofxref */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stats/eurofxref";
    }

    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets what {@code file} (a name under the base URL, or an absolute path) answers, in order. */
    public FixtureServer on(String file, Reply... replies) {
        String path = file.startsWith("/") ? file : "/stats/eurofxref/" + file;
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        hits.put(path, new AtomicInteger());
        return this;
    }

    public int hits(String file) {
        String path = file.startsWith("/") ? file : "/stats/eurofxref/" + file;
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public String lastQuery(String path) {
        return lastQuery.get(path);
    }

    public void reset() {
        scripts.clear();
        hits.clear();
        lastQuery.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestURI().getRawQuery() != null) {
                lastQuery.put(path, exchange.getRequestURI().getRawQuery());
            }
            Deque<Reply> script = scripts.get(path);
            if (script == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            hits.get(path).incrementAndGet();
            Reply reply;
            synchronized (script) {
                reply = script.size() > 1 ? script.pollFirst() : script.peekFirst();
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (reply.body().length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            // The client gave up (a timeout test): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
