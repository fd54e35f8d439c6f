package io.fxrates.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named values a log line carries besides its message (a run's provider, its duration), written
 * as top-level JSON members so that CloudWatch Logs Insights can filter and aggregate on them.
 * Passed to java.util.logging as the record's only parameter; see {@link StructuredLogger}.
 *
 * @param values member name to value: strings, numbers, booleans, null, nested maps and lists
 */
public record LogFields(Map<String, Object> values) {

    public LogFields {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static LogFields of(Map<String, ?> values) {
        return new LogFields(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
