package io.fxrates.updater.tracing;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * The seam between the updater and a tracing system. The core calls only this interface, so it
 * runs (locally, inside the server) without the X-Ray SDK on the classpath; the Lambda handler
 * passes {@link XRayTracer}.
 */
public interface Tracer {

    /** Does nothing: for local runs and the server's embedded default. */
    Tracer NONE = new Tracer() {
        @Override
        public <T> T trace(String name, Supplier<T> work) {
            return work.get();
        }
    };

    /** Runs {@code work} inside a span (an X-Ray subsegment) called {@code name}. */
    <T> T trace(String name, Supplier<T> work);

    /** A DataSource whose SQL is traced; by default the same one. */
    default DataSource traceSql(DataSource dataSource) {
        return dataSource;
    }
}
