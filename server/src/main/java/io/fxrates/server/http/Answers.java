package io.fxrates.server.http;

import java.io.OutputStream;
import java.util.function.Consumer;

import io.fxrates.server.model.ByteSink;
import io.fxrates.server.model.RatesModel;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends an answer built from the rates: its validators and freshness first (a 304 when the client
 * holds it), then its bytes, from the {@link AnswerCache} or rendered on a miss, gzip-encoded when
 * the client accepts it. Answers too long to keep are streamed as they are rendered.
 */
public final class Answers {

    private final AnswerCache cache;
    private final HttpCaching caching;

    public Answers(AnswerCache cache, HttpCaching caching) {
        this.cache = cache;
        this.caching = caching;
    }

    public AnswerCache cache() {
        return cache;
    }

    /**
     * Answers {@code question} from {@code model} as {@code type}, rendered by {@code render} into
     * a sink of about {@code sizeHint} bytes when not kept yet.
     */
    public void send(ServerRequest req, ServerResponse res, RatesModel model, String question, HttpMediaType type,
                     int sizeHint, Consumer<ByteSink> render) {
        send(req, res, model, 0, question, type, sizeHint, render, false);
    }

    /** A page: as {@link #send}, kept per model (pages show provenance), revalidated every time. */
    public void sendPage(ServerRequest req, ServerResponse res, RatesModel model, String question, HttpMediaType type,
                         Consumer<ByteSink> render) {
        send(req, res, model, model.generation(), question + "|g" + model.generation(), type, 16 * 1024, render, true);
    }

    private void send(ServerRequest req, ServerResponse res, RatesModel model, long generation, String question,
                      HttpMediaType type, int sizeHint, Consumer<ByteSink> render, boolean page) {
        boolean gzip = GzipNegotiation.accepts(req.headers());
        AnswerCache.Key key = new AnswerCache.Key(model.version(), generation, question, type, gzip);
        AnswerCache.Answer answer = cache.getIfPresent(key);
        String etag = answer != null ? answer.etag() : caching.etag(model, question, type, gzip);
        if (caching.notModified(req, res, model, etag, page)) {
            return;
        }
        if (answer == null && gzip) {
            // The identity answer first, on its own key (Caffeine computes one key at a time),
            // then its gzip bytes: a gzip miss never renders twice.
            byte[] plain = identity(model, generation, question, type, sizeHint, render).body();
            answer = cache.get(key, k -> new AnswerCache.Answer(Gzip.compress(plain), type, etag));
        } else if (answer == null) {
            answer = cache.get(key, k -> rendered(model, question, type, sizeHint, render, false));
        }
        res.headers().contentType(type);
        if (gzip) {
            res.header(Gzip.CONTENT_ENCODING);
        }
        res.send(answer.body());
    }

    private AnswerCache.Answer identity(RatesModel model, long generation, String question, HttpMediaType type, int sizeHint,
                                        Consumer<ByteSink> render) {
        return cache.get(new AnswerCache.Key(model.version(), generation, question, type, false),
                k -> rendered(model, question, type, sizeHint, render, false));
    }

    private AnswerCache.Answer rendered(RatesModel model, String question, HttpMediaType type, int sizeHint,
                                        Consumer<ByteSink> render, boolean gzip) {
        ByteSink sink = ByteSink.inMemory(sizeHint);
        render.accept(sink);
        return new AnswerCache.Answer(sink.toByteArray(), type, caching.etag(model, question, type, gzip));
    }

    /** Answers {@code question} by streaming it as {@code render} writes it: for answers too long to keep. */
    public void stream(ServerRequest req, ServerResponse res, RatesModel model, String question, HttpMediaType type,
                       Consumer<ByteSink> render) {
        boolean gzip = GzipNegotiation.accepts(req.headers());
        if (caching.notModified(req, res, model, caching.etag(model, question, type, gzip))) {
            return;
        }
        res.headers().contentType(type);
        OutputStream out = Gzip.stream(res, gzip);
        ByteSink sink = ByteSink.to(out);
        render.accept(sink);
        sink.close();
    }
}
