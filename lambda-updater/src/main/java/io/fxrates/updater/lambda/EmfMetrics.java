package io.fxrates.updater.lambda;

import io.fxrates.updater.UpdateReport;
import io.fxrates.log.JsonValues;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's metrics as one CloudWatch Embedded Metric Format log line: CloudWatch turns it into
 * metrics without an API call (nothing to wait for, nothing to retry). Dimensions: Provider and Mode.
 * Metrics: RatesWritten, RatesInserted, Corrections, FetchAttempts, RunFailed, NewestRateAgeDays,
 * Duration; the newest rate's date itself, the run id and the outcome travel as properties.
 */
public final class EmfMetrics {
    public static final String DEFAULT_NAMESPACE = "fxrates/updater";

    private final String namespace;
    private final Clock clock;

    public EmfMetrics(String namespace, Clock clock) {
        this.namespace = namespace;
        this.clock = clock;
    }

    public String format(UpdateReport report) {
        List<Map<String, String>> metrics = List.of(
                metric("RatesWritten", "Count"),
                metric("RatesInserted", "Count"),
                metric("Corrections", "Count"),
                metric("FetchAttempts", "Count"),
                metric("RunFailed", "Count"),
                metric("NewestRateAgeDays", "None"),
                metric("Duration", "Milliseconds"));
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.of("Provider", "Mode")));
        directive.put("Metrics", metrics);

        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", clock.millis());
        aws.put("CloudWatchMetrics", List.of(directive));

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", aws);
        line.put("Provider", report.provider());
        line.put("Mode", report.mode().value());
        line.put("RatesWritten", report.ratesWritten());
        line.put("RatesInserted", report.inserted());
        line.put("Corrections", report.corrections());
        line.put("FetchAttempts", report.fetchAttempts());
        line.put("RunFailed", report.succeeded() ? 0 : 1);
        LocalDate newest = report.newestRateDate();
        if (newest != null) {
            // A stale feed shows as a growing age, which an alarm can watch (weekends make it 3).
            line.put("NewestRateAgeDays", ChronoUnit.DAYS.between(newest, LocalDate.now(clock.withZone(ZoneOffset.UTC))));
            line.put("NewestRateDate", newest.toString());
        }
        line.put("Duration", report.duration().toMillis());
        line.put("RunId", report.runId());
        line.put("Outcome", report.succeeded() ? "succeeded" : "failed");
        return JsonValues.object(line).build().toString();
    }

    private static Map<String, String> metric(String name, String unit) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Name", name);
        m.put("Unit", unit);
        return m;
    }
}
