package io.fxrates.server.http;

import java.util.NoSuchElementException;

import io.helidon.http.Headers;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.encoding.ContentEncodingContextConfig;

/**
 * Helidon's content encoding, switched off: the server's answers encode themselves ({@link Gzip},
 * decided by {@link GzipNegotiation}), so that kept answers are compressed once, and so that
 * Helidon neither negotiates (its negotiation throws on a malformed {@code Accept-Encoding}) nor
 * copies every body through an encoder. Request bodies are not decoded: the service takes none.
 */
public final class ResponseEncoding implements ContentEncodingContext {

    private final ContentEncodingContextConfig prototype = ContentEncodingContextConfig.builder()
            .contentEncodingsDiscoverServices(false)
            .buildPrototype();

    @Override
    public ContentEncodingContextConfig prototype() {
        return prototype;
    }

    @Override
    public boolean contentEncodingEnabled() {
        return false;
    }

    @Override
    public boolean contentDecodingEnabled() {
        return false;
    }

    @Override
    public boolean contentEncodingSupported(String encodingId) {
        return false;
    }

    @Override
    public boolean contentDecodingSupported(String encodingId) {
        return false;
    }

    @Override
    public ContentEncoder encoder(String encodingId) throws NoSuchElementException {
        throw new NoSuchElementException("The server encodes its answers itself");
    }

    @Override
    public ContentDecoder decoder(String encodingId) throws NoSuchElementException {
        throw new NoSuchElementException("Request bodies are not decoded");
    }

    @Override
    public ContentEncoder encoder(Headers headers) {
        return ContentEncoder.NO_OP;
    }
}
