package io.fxrates.server;

import java.util.Optional;

/**
 * Gives virtual threads two carrier threads when the JVM sees a single CPU (a container limited to
 * one CPU, or a process pinned to one core).
 *
 * <p>The JDK runs one carrier per CPU, and since JDK 22 its socket pollers are virtual threads on
 * those carriers. With one carrier and every connection busy, the whole server now and then stops
 * answering for 40 to 300 ms, a bare Helidon route as much as this server (docs/benchmarks.md).
 * Two carriers, which the kernel time-slices on the one CPU, have not shown a stall in any
 * measured round, at the same throughput and a p99 of about 3 ms instead of 1 to 2 ms. Platform
 * poller threads ({@code -Djdk.pollerMode=1}) avoid the stalls too, but cost about 40 % of the
 * throughput on one CPU.
 *
 * <p>The scheduler reads the property once, when the first virtual thread starts: call this
 * first thing in {@code main}. A parallelism set on the command line is left as it is.
 */
public final class CarrierThreads {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private CarrierThreads() {
    }

    /**
     * Sets the virtual-thread scheduler's parallelism to 2 if this JVM sees one CPU and nobody has
     * set it; returns the value set, empty if nothing was changed.
     */
    public static Optional<String> atLeastTwo() {
        Optional<String> parallelism = parallelismFor(Runtime.getRuntime().availableProcessors(), System.getProperty(PARALLELISM));
        parallelism.ifPresent(value -> System.setProperty(PARALLELISM, value));
        return parallelism;
    }

    static Optional<String> parallelismFor(int cpus, String configured) {
        return cpus < 2 && configured == null ? Optional.of("2") : Optional.empty();
    }
}
