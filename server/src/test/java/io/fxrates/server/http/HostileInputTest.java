package io.fxrates.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile input, sent as raw bytes (a well-behaved client refuses to build most of it): every
 * header the server or Helidon reads, malformed in many ways, on every kind of route (API, pages,
 * static files, health, metrics, OpenAPI, the API page), and malformed paths and parameters. No
 * answer may be a 5xx, and no body may show a stack trace. Runs in CI, some ten thousand requests.
 */
class HostileInputTest {

    private static TestServer server;

    private static final List<String> PATHS = List.of("/v1/latest", "/v1/2024-01-02?base=USD", "/v1/2024-01-01..2024-01-31?symbols=USD",
            "/v1/currencies", "/v1/convert?from=USD&to=JPY&amount=5", "/v1/change/2024-01-02..2024-01-31", "/v1", "/",
            "/history?base=EUR&quote=USD", "/convert?from=USD&to=JPY&amount=2", "/currencies", "/static/fxrates.css",
            "/observe/health", "/observe/health/ready", "/observe/metrics", "/openapi", "/docs", "/nope", "/v1/nope");

    private static final List<String> HEADERS = List.of("Accept", "Accept-Encoding", "If-None-Match", "If-Modified-Since",
            "If-Unmodified-Since", "If-Match", "If-Range", "Range", "X-Request-Id", "X-Amzn-Trace-Id", "Accept-Language",
            "Accept-Charset", "Content-Type", "Content-Length", "Cookie", "Authorization", "Origin", "Cache-Control", "Pragma",
            "Connection", "TE", "Expect", "traceparent", "b3", "X-B3-TraceId", "X-Forwarded-For", "X-Forwarded-Proto", "Forwarded",
            "Host", "Upgrade");

    private static final List<String> VALUES = List.of("", " ", "\t", "q=abc", "application/json;q=abc", "text/csv;q=", "*/*;q=2",
            "*/*;q=-1", "*;q=0.1234", ";;;", ",,,", "=", "\"", "\"unterminated, *", "W/", "W/\"", "*, \"a\"", "gzip;q=NaN",
            "bytes=abc", "bytes=-", "bytes=99999999999999999999-", "bytes=5-1", "Mon, 32 Foo 2025 99:99:99 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "-1", "99999999999999999999999", "null",
            "<script>alert(1)</script>", "../../etc/passwd", "%00%ff", "\u00e9\u00e8", "a".repeat(4000), "x/y/z", "application/",
            "/json", "text/html; charset=\"", "0-0-0-0", "00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-ff", "trailers, deflate");

    @BeforeAll
    static void start() {
        server = TestServer.sample();
    }

    /** One request as raw bytes; returns the status code and the body. */
    static Map.Entry<Integer, String> send(int port, String target, String headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headerLines + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) != -1) {
                    head.write(b);
                    if (head.size() >= 4 && endsWithBlankLine(head.toByteArray())) {
                        break;
                    }
                }
                String headers = head.toString(StandardCharsets.ISO_8859_1);
                if (headers.length() < 12) {
                    return Map.entry(0, headers);
                }
                // The body: by Content-Length, or chunked to the last chunk, or to the close.
                String lower = headers.toLowerCase(java.util.Locale.ROOT);
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
                if (length.find()) {
                    body.write(in.readNBytes((int) Math.min(Long.parseLong(length.group(1)), 64 * 1024)));
                } else if (lower.contains("transfer-encoding: chunked")) {
                    byte[] buffer = new byte[16384];
                    int n;
                    while ((n = in.read(buffer)) > 0 && body.size() < 64 * 1024) {
                        body.write(buffer, 0, n);
                        if (body.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
                            break;
                        }
                    }
                } else if (!headers.startsWith("HTTP/1.1 304") && !headers.startsWith("HTTP/1.1 204")) {
                    body.write(in.readNBytes(64 * 1024));
                }
                return Map.entry(Integer.parseInt(headers.substring(9, 12)), headers + body.toString(StandardCharsets.UTF_8));
            } catch (java.net.SocketTimeoutException silent) {
                return Map.entry(-1, head.toString(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static boolean endsWithBlankLine(byte[] bytes) {
        int n = bytes.length;
        return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    private static void check(String what, Map.Entry<Integer, String> response, Map<String, Integer> failures) {
        int status = response.getKey();
        String body = response.getValue();
        if (status >= 500 || status <= 0 || body.contains("Exception") || body.contains("\tat ")) {
            failures.merge(status + " " + what, 1, Integer::sum);
        }
    }

    @Test
    void noMalformedHeaderGivesAServerError() throws IOException {
        Map<String, Integer> failures = new TreeMap<>();
        int sent = 0;
        for (int h = 0; h < HEADERS.size(); h++) {
            String header = HEADERS.get(h);
            for (int v = 0; v < VALUES.size(); v++) {
                String value = VALUES.get(v);
                // Each header and value on six routes, in turn: every route meets every header.
                for (int k = 0; k < 6; k++) {
                    String path = PATHS.get((h * 7 + v * 3 + k * 5) % PATHS.size());
                    String lines = header + ": " + value + "\r\n";
                    check(path + " " + header + ": " + value.substring(0, Math.min(30, value.length())),
                            send(server.port(), path, lines), failures);
                    sent++;
                }
            }
        }
        System.out.println("HostileInputTest: " + sent + " requests with malformed headers");
        assertEquals(Map.of(), failures, "answers with a 5xx, no answer, or a stack trace");
    }

    @Test
    void noMalformedPathOrParameterGivesAServerError() throws IOException {
        Map<String, Integer> failures = new TreeMap<>();
        List<String> targets = new ArrayList<>();
        List<String> parameters = List.of("base", "from", "symbols", "to", "amount", "date", "group", "format", "all", "detail",
                "range", "start", "end", "quote");
        List<String> prefixes = List.of("/v1/latest", "/v1/2024-01-02", "/v1/2024-01-01..2024-03-01", "/v1/convert",
                "/v1/change/2024-01-02..2024-02-01", "/v1/currencies", "/", "/history", "/convert", "/currencies");
        for (String prefix : prefixes) {
            for (String parameter : parameters) {
                for (String value : VALUES) {
                    targets.add(prefix + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                targets.add(prefix + "?" + parameter + "=" + "%zz");
                targets.add(prefix + "?" + parameter + "&" + parameter + "=1&" + parameter + "=2");
            }
        }
        for (String segment : List.of("%00", "%2e%2e", "..", "....", "2024-02-30..", "..2024", "9999-99-99", "0000-01-01",
                "2024-01-01..9999-12-31", "-1", "%ff%fe", "latest%20", "latest;x=1", "2024-01-01..2024-01-01..", "%C0%AF",
                "a".repeat(3000), "change/", "change/..", "change/2024-01-01..9999-12-31", "currencies/x", "convert/")) {
            targets.add("/v1/" + segment);
            targets.add("/" + segment);
            targets.add("/static/" + segment);
        }
        for (String target : targets) {
            check(target.substring(0, Math.min(80, target.length())), send(server.port(), target, ""), failures);
        }
        System.out.println("HostileInputTest: " + targets.size() + " malformed paths and parameters");
        assertEquals(Map.of(), failures, "answers with a 5xx, no answer, or a stack trace");
    }
}
