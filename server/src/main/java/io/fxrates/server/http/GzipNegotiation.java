package io.fxrates.server.http;

import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * Decides, from {@code Accept-Encoding}, whether a response is gzip-encoded: the one place both
 * the encoder and the ETag ask, so a validator always names the bytes actually sent. Malformed
 * values count as "not acceptable", never as an error: a bad header gets a plain answer.
 */
public final class GzipNegotiation {

    private GzipNegotiation() {
    }

    /** Whether the client accepts gzip: listed (or {@code *}) with a quality above zero. */
    public static boolean accepts(Headers headers) {
        try {
            return parse(headers);
        } catch (RuntimeException e) {
            // Never fail here: this runs while writing every response, error responses included.
            return false;
        }
    }

    private static boolean parse(Headers headers) {
        if (!headers.contains(HeaderNames.ACCEPT_ENCODING)) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String value : headers.get(HeaderNames.ACCEPT_ENCODING).allValues(true)) {
            String[] parts = value.strip().toLowerCase(Locale.ROOT).split(";", -1);
            String coding = parts[0].strip();
            double quality = quality(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = Math.max(gzip, quality);
            } else if (coding.equals("*")) {
                any = Math.max(any, quality);
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    /** The {@code q} parameter of one entry: 1 when absent, 0 when malformed. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (!parameter.contains("=")) {
                return 0;
            }
            if (parameter.startsWith("q=")) {
                String q = parameter.substring(2).strip();
                if (!q.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
                    return 0;
                }
                return Double.parseDouble(q);
            }
        }
        return 1;
    }
}
