package io.fxrates.server.health;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

import io.fxrates.server.data.DataState;
import io.fxrates.server.data.RatesData;
import io.fxrates.server.http.AnswerCache;
import io.fxrates.server.model.RatesModel;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

/**
 * The figures operators watch besides requests: how old the rates are, how many currencies are
 * quoted, the read model (version, size, last load's time), whether the database answers, and how
 * well the answer cache works.
 */
public final class BusinessMetrics {

    /** What the gauges read: the global registry keeps the first gauge of a name, so they read through this. */
    private record Sources(RatesData data, AnswerCache cache, Clock clock) {
    }

    /** The servers running in this JVM, newest last: one in production, several in a test JVM. */
    private static final Deque<Sources> RUNNING = new ConcurrentLinkedDeque<>();
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private BusinessMetrics() {
    }

    /**
     * Registers the gauges in the global registry (served at /observe/metrics), reading
     * {@code data} and {@code cache} until the returned registration is closed (with the server).
     * When a JVM (a test) runs several servers, the gauges read the one started last that still runs.
     */
    public static AutoCloseable register(RatesData data, AnswerCache cache, Clock clock) {
        Sources sources = new Sources(data, cache, clock);
        RUNNING.addLast(sources);
        if (REGISTERED.compareAndSet(false, true)) {
            registerGauges();
        }
        return () -> RUNNING.removeLastOccurrence(sources);
    }

    private static void registerGauges() {
        MeterRegistry registry = Metrics.globalRegistry();
        gauge(registry, "fxrates.rates.age.seconds", "Seconds since the newest rates were published (their date at 16:00 CET); -1 when none",
                s -> s.data().current() == null ? -1 : ageSeconds(s.data().current().state(), s.clock()));
        gauge(registry, "fxrates.currencies.quoted", "Currencies quoted on the newest date, the provider's base included",
                s -> quotedCount(s.data().current()));
        gauge(registry, "fxrates.data.version", "The data version answered from; it changes with every update that changes a rate",
                s -> s.data().current() == null ? -1 : s.data().current().version());
        gauge(registry, "fxrates.model.bytes", "Heap taken by the read model's arrays",
                s -> s.data().current() == null ? 0 : s.data().current().bytes());
        gauge(registry, "fxrates.model.load.seconds", "How long the last load of the read model took",
                s -> s.data().lastLoad() == null ? -1 : s.data().lastLoad().took().toNanos() / 1e9);
        gauge(registry, "fxrates.database.reachable", "1 when the database answered the last look, 0 when it did not",
                s -> s.data().database().reachable() ? 1 : 0);
        gauge(registry, "fxrates.cache.hits", "Answers served from the answer cache", s -> s.cache().stats().hitCount());
        gauge(registry, "fxrates.cache.misses", "Answers that had to be rendered", s -> s.cache().stats().missCount());
        gauge(registry, "fxrates.cache.evictions", "Answers evicted to stay within the byte budget",
                s -> s.cache().stats().evictionCount());
        gauge(registry, "fxrates.cache.bytes", "Bytes held by the answer cache", s -> s.cache().bytes());
    }

    /** A gauge of the newest running server; NaN (Prometheus: no value) while none runs. */
    private static void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Sources> value) {
        registry.getOrCreate(Gauge.builder(name, RUNNING, running -> {
            Sources newest = running.peekLast();
            return newest == null ? Double.NaN : value.applyAsDouble(newest);
        }).description(description));
    }

    static long ageSeconds(DataState state, Clock clock) {
        return state.newestDate()
                .map(date -> Duration.between(ZonedDateTime.of(date, LocalTime.of(16, 0), ZoneId.of("Europe/Berlin")).toInstant(),
                        clock.instant()).toSeconds())
                .orElse(-1L);
    }

    private static long quotedCount(RatesModel model) {
        if (model == null || !model.hasRates()) {
            return 0;
        }
        return model.quotedCurrencies().values().stream().filter(c -> c.lastDate().equals(model.state().newestDate())).count();
    }
}
