package io.fxrates.updater;

import java.time.Duration;

/**
 * The moment by which a whole update run must be over, whatever the provider and mode (one
 * document or ninety): fetching stops early enough to leave the write its time, and the write's
 * statements time out before the run would. So a run always ends in time to close its audit row,
 * even inside a Lambda whose invocation has a hard time-out.
 */
public final class RunDeadline {

    private final long endNanos;

    private RunDeadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** The deadline {@code duration} from now. */
    public static RunDeadline in(Duration duration) {
        return new RunDeadline(System.nanoTime() + duration.toNanos());
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** This deadline moved {@code earlier} before itself: when fetching must stop so the write keeps its time. */
    public RunDeadline minus(Duration earlier) {
        return new RunDeadline(endNanos - earlier.toNanos());
    }

    /** The earlier of this deadline and {@code duration} from now. */
    public long nanosFromNowCappedAt(Duration duration) {
        return System.nanoTime() + Math.min(duration.toNanos(), Math.max(0, endNanos - System.nanoTime()));
    }

    @Override
    public String toString() {
        return "RunDeadline[in " + remaining().toMillis() + " ms]";
    }
}
