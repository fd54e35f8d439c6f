package io.fxrates.updater.lambda;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.sql.TracingDataSource;
import io.fxrates.updater.tracing.Tracer;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * X-Ray subsegments around fetch, parse and write, and SQL traced through the X-Ray SDK's
 * DataSource. Inside Lambda the runtime opens the segment; elsewhere (tests) the context-missing
 * strategy decides (set AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR so no daemon is needed).
 */
public final class XRayTracer implements Tracer {

    @Override
    public <T> T trace(String name, Supplier<T> work) {
        Subsegment subsegment = AWSXRay.beginSubsegment(name);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            subsegment.addException(e);
            throw e;
        } finally {
            AWSXRay.endSubsegment();
        }
    }

    @Override
    public DataSource traceSql(DataSource dataSource) {
        return TracingDataSource.decorate(dataSource);
    }
}
