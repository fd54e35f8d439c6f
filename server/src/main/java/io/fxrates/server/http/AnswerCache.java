package io.fxrates.server.http;

import java.util.function.Function;

import io.helidon.http.HttpMediaType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * Rendered answers, kept per question, representation, encoding and data version within one byte
 * budget (Caffeine, weighed by body size, near-LRU eviction, with statistics). Rates change a few
 * times a day and are read all day: most requests are answered from here without rendering. An
 * answer larger than a tenth of the budget is not kept, so that one long series cannot push out
 * everything else; those are streamed.
 */
public final class AnswerCache {

    /**
     * What an answer is for.
     *
     * @param version    the data version it was rendered from
     * @param generation the model instance it was rendered from, for answers that show provenance
     *                   (the pages); 0 for those that do not (the API), which outlive a provenance swap
     * @param question   the canonical question (path, resolved dates, parameters)
     * @param type       the representation
     * @param gzip       whether the body is gzip-encoded
     */
    public record Key(long version, long generation, String question, HttpMediaType type, boolean gzip) {
    }

    /** A rendered body, its media type and its strong validator. */
    public record Answer(byte[] body, HttpMediaType type, String etag) {
    }

    private static final int ENTRY_OVERHEAD = 160;

    private final Cache<Key, Answer> cache;
    private final long maxEntryBytes;

    public AnswerCache(long maxBytes) {
        this.maxEntryBytes = maxBytes / 10;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Answer answer) -> weight(key, answer))
                .recordStats()
                .build();
    }

    private static int weight(Key key, Answer answer) {
        return answer.body().length + key.question().length() * 2 + ENTRY_OVERHEAD;
    }

    /** Whether a body of about {@code bytes} would be kept. */
    public boolean keeps(long bytes) {
        return bytes <= maxEntryBytes;
    }

    public Answer getIfPresent(Key key) {
        return cache.getIfPresent(key);
    }

    /** The answer for {@code key}, rendered by {@code render} (once, for concurrent requests) on a miss. */
    public Answer get(Key key, Function<Key, Answer> render) {
        return cache.get(key, render);
    }

    /** Drops what no longer answers: rendered from another data version, or (pages) from another model. */
    public void keepOnly(long version, long generation) {
        cache.asMap().keySet().removeIf(key -> key.version() != version
                || (key.generation() != 0 && key.generation() != generation));
    }

    public CacheStats stats() {
        return cache.stats();
    }

    /** The bytes kept now (the cache's weight). */
    public long bytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long size() {
        return cache.estimatedSize();
    }
}
