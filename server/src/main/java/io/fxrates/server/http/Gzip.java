package io.fxrates.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/**
 * gzip, done by the server's own answers rather than by Helidon's content encoding: a kept answer
 * is compressed once and its gzip bytes kept beside it, so a repeated request costs no
 * compression; a streamed one is compressed as it is written. A 25-year CSV shrinks five-fold.
 * (Helidon's helidon-http-encoding-gzip 4.1.7 is not on the Maven Central mirror these builds
 * reach; and its encoding would compress a kept answer again for every request.)
 */
public final class Gzip {

    static final Header CONTENT_ENCODING = HeaderValues.create(HeaderNames.CONTENT_ENCODING, "gzip");

    private Gzip() {
    }

    /** {@code body}, gzip-compressed. */
    public static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The response's stream, gzip-compressing when {@code gzip}; sets Content-Encoding before anything is written. */
    public static OutputStream stream(ServerResponse res, boolean gzip) {
        if (!gzip) {
            return res.outputStream();
        }
        res.header(CONTENT_ENCODING);
        try {
            return new GZIPOutputStream(res.outputStream(), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
