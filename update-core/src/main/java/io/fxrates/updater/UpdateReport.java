package io.fxrates.updater;

import io.fxrates.log.JsonValues;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run did. {@code corrections} equals {@code updated}: every updated row is a correction
 * of an earlier publication, recorded in rate_correction. {@code runId} is null only when the run
 * could not even be recorded (the database was unreachable).
 */
public record UpdateReport(Long runId,
                           String provider,
                           UpdateMode mode,
                           Outcome outcome,
                           int inserted,
                           int updated,
                           int unchanged,
                           LocalDate newestRateDate,
                           int fetchAttempts,
                           Duration duration,
                           String error) {

    public enum Outcome { SUCCEEDED, FAILED }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    public int corrections() {
        return updated;
    }

    /** Rows inserted or corrected. */
    public int ratesWritten() {
        return inserted + updated;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("provider", provider);
        m.put("mode", mode.value());
        m.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        m.put("inserted", inserted);
        m.put("updated", updated);
        m.put("unchanged", unchanged);
        m.put("newestRateDate", newestRateDate == null ? null : newestRateDate.toString());
        m.put("fetchAttempts", fetchAttempts);
        m.put("durationMs", duration.toMillis());
        m.put("error", error);
        return m;
    }

    public String toJson() {
        return JsonValues.object(toMap()).build().toString();
    }
}
