package io.fxrates.server.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Rendered responses, kept until the data changes: rates change a few times a day and are read
 * all day, so most requests are answered from here without touching the database.
 *
 * <p>Bounded by the bytes it holds (least recently used go first); bodies larger than a tenth of
 * the budget are never kept, so one huge time series cannot push out everything else.
 */
public final class ResponseCache {

    /** A rendered body and its media type. */
    public record Entry(byte[] body, String contentType) {
    }

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private long bytes;

    public ResponseCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The entry for {@code key}, rendering and keeping it on a miss. */
    public Entry get(String key, Supplier<Entry> render) {
        synchronized (this) {
            Entry cached = entries.get(key);
            if (cached != null) {
                hits.increment();
                return cached;
            }
        }
        misses.increment();
        // Rendered outside the lock: two threads may render the same key at once, which is
        // cheaper than making every reader wait behind one database query.
        Entry rendered = render.get();
        put(key, rendered);
        return rendered;
    }

    private synchronized void put(String key, Entry entry) {
        long size = entry.body().length + key.length() * 2L + 64;
        if (size > maxBytes / 10) {
            return;
        }
        Entry previous = entries.put(key, entry);
        if (previous != null) {
            bytes -= previous.body().length + key.length() * 2L + 64;
        }
        bytes += size;
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            bytes -= eldest.getValue().body().length + eldest.getKey().length() * 2L + 64;
            it.remove();
        }
    }

    /** Drops everything; called when the data version changes. */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }
}
