package io.fxrates.log;

/**
 * The ids that tie a log line to what was being done: the trace id (shared with the tracer, so
 * traces and logs of one request or run can be found together) and the request id (one HTTP
 * request, one Lambda invocation). Kept per thread: a request is handled on one thread.
 */
public final class LogContext {

    private static final ThreadLocal<Ids> CURRENT = new ThreadLocal<>();

    private record Ids(String traceId, String requestId) {
    }

    /** Undoes {@link #enter}: restores what was there before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private LogContext() {
    }

    /** Sets the ids of this thread until the returned scope is closed; either may be null. */
    public static Scope enter(String traceId, String requestId) {
        Ids previous = CURRENT.get();
        CURRENT.set(new Ids(traceId, requestId));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** This thread's trace id, or null. */
    public static String traceId() {
        Ids ids = CURRENT.get();
        return ids == null ? null : ids.traceId();
    }

    /** This thread's request id, or null. */
    public static String requestId() {
        Ids ids = CURRENT.get();
        return ids == null ? null : ids.requestId();
    }
}
