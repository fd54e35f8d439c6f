package io.fxrates.updater.lambda;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.testing.FixtureServer.Reply;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.fxrates.testing.Fixtures.bytes;
import static io.fxrates.testing.Fixtures.historyZip;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a segment open (as Lambda opens one), a run records fetch, parse and write subsegments and its SQL. */
class XRayTracerTest extends LambdaTestBase {
    private final List<Entity> emitted = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreRecorder() {
        AWSXRay.setGlobalRecorder(AWSXRayRecorderBuilder.defaultRecorder());
    }

    @Test
    void aRunIsTracedInSubsegmentsWithItsSql() {
        AWSXRay.setGlobalRecorder(AWSXRayRecorderBuilder.standard().withEmitter(new Emitter() {
            @Override
            public boolean sendSegment(Segment segment) {
                emitted.add(segment);
                return true;
            }

            @Override
            public boolean sendSubsegment(Subsegment subsegment) {
                emitted.add(subsegment);
                return true;
            }
        }).build());
        server.on("eurofxref-hist.zip", Reply.zip(historyZip(bytes("ecb/eurofxref-hist.csv"))));

        AWSXRay.beginSegment("fxrates-updater");
        UpdateReport report;
        try {
            report = new UpdateRunner(dataSource, settings(), new XRayTracer(), Clock.systemUTC()).run(UpdateMode.HISTORY);
        } finally {
            AWSXRay.endSegment();
        }
        assertTrue(report.succeeded(), report.toJson());

        List<Entity> all = new ArrayList<>();
        emitted.forEach(e -> collect(e, all));
        List<String> names = all.stream().map(Entity::getName).toList();
        assertTrue(names.containsAll(List.of("fetch", "parse", "write")), names.toString());
        assertTrue(all.stream().anyMatch(e -> "remote".equals(e.getNamespace()) && !e.getSql().isEmpty()),
                "SQL should be traced through the X-Ray SDK's data source: " + names);
    }

    private static void collect(Entity entity, List<Entity> into) {
        into.add(entity);
        entity.getSubsegmentsCopy().forEach(s -> collect(s, into));
    }
}
