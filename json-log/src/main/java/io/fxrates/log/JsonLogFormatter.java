package io.fxrates.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * The one log format of every fxrates process (the server, the updater in Lambda and locally):
 * one JSON object per line, as CloudWatch Logs Insights reads them.
 *
 * <pre>
 * {"time":"2026-12-01T08:00:00.123Z","level":"INFO","logger":"io.fxrates.updater.UpdateRunner",
 *  "thread":"main","message":"update run succeeded","trace_id":"1-...","request_id":"...",
 *  "provider":"ECB","inserted":30, ...,
 *  "error":{"type":"java.sql.SQLException","message":"...","stack_trace":"java.sql.SQLException: ...\n\tat ..."}}
 * </pre>
 *
 * <p>{@code time} is UTC; {@code level} is ERROR, WARN, INFO, DEBUG or TRACE (java.util.logging's
 * SEVERE, WARNING, INFO/CONFIG, FINE, FINER/FINEST); the ids come from {@link LogContext}; a
 * {@link LogFields} parameter adds its members at the top level, never over one written already.
 * {@code error} is the record's exception; a line without one may carry an {@code error} field
 * of the same shape ({@code {"message": "..."}}), for failures that are not exceptions.
 */
public final class JsonLogFormatter extends Formatter {

    /** The members the formatter writes itself; fields of these names are dropped. */
    static final Set<String> RESERVED = Set.of("time", "level", "logger", "thread", "message", "trace_id", "request_id");

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", level(record.getLevel()))
                .add("logger", String.valueOf(record.getLoggerName()))
                .add("thread", Thread.currentThread().getName());
        LogFields fields = fields(record);
        line.add("message", String.valueOf(fields == null ? formatMessage(record) : record.getMessage()));
        String traceId = LogContext.traceId();
        if (traceId != null) {
            line.add("trace_id", traceId);
        }
        String requestId = LogContext.requestId();
        if (requestId != null) {
            line.add("request_id", requestId);
        }
        if (record.getThrown() != null) {
            line.add("error", error(record.getThrown()));
        }
        if (fields != null) {
            fields.values().forEach((name, value) -> {
                if (!RESERVED.contains(name) && !(name.equals("error") && record.getThrown() != null)) {
                    line.add(name, JsonValues.of(value));
                }
            });
        }
        return line.build() + "\n";
    }

    /** The conventional level names, which Logs Insights queries and alarms filter on. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.CONFIG.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    private static LogFields fields(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length == 1 && parameters[0] instanceof LogFields f ? f : null;
    }

    private static JsonObjectBuilder error(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return JSON.createObjectBuilder()
                .add("type", thrown.getClass().getName())
                .add("message", String.valueOf(thrown.getMessage()))
                .add("stack_trace", trace.toString());
    }
}
