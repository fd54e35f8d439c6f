package io.fxrates.server.http;

import java.util.NoSuchElementException;

import io.helidon.http.Headers;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.encoding.ContentEncodingContextConfig;

/**
 * The server's content encodings: gzip when {@link GzipNegotiation} says the client accepts it,
 * identity otherwise. Replaces Helidon's default negotiation, which throws on a malformed
 * {@code Accept-Encoding} (leaving the connection without an answer) and ignores {@code q=0}.
 * Request bodies are not decoded: the service takes none.
 */
public final class ResponseEncoding implements ContentEncodingContext {

    private static final GzipEncoding GZIP = new GzipEncoding();

    private final ContentEncodingContextConfig prototype = ContentEncodingContextConfig.builder()
            .contentEncodingsDiscoverServices(false)
            .addContentEncoding(GZIP)
            .buildPrototype();

    @Override
    public ContentEncodingContextConfig prototype() {
        return prototype;
    }

    @Override
    public boolean contentEncodingEnabled() {
        return true;
    }

    @Override
    public boolean contentDecodingEnabled() {
        return false;
    }

    @Override
    public boolean contentEncodingSupported(String encodingId) {
        return GZIP.ids().contains(encodingId);
    }

    @Override
    public boolean contentDecodingSupported(String encodingId) {
        return false;
    }

    @Override
    public ContentEncoder encoder(String encodingId) throws NoSuchElementException {
        if (!contentEncodingSupported(encodingId)) {
            throw new NoSuchElementException("No encoding " + encodingId);
        }
        return GZIP.encoder();
    }

    @Override
    public ContentDecoder decoder(String encodingId) throws NoSuchElementException {
        throw new NoSuchElementException("Request bodies are not decoded");
    }

    @Override
    public ContentEncoder encoder(Headers headers) {
        return GzipNegotiation.accepts(headers) ? GZIP.encoder() : ContentEncoder.NO_OP;
    }
}
