package io.fxrates.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * One JSON object per line, as CloudWatch Logs Insights reads them: time (UTC), level, logger,
 * message, the trace and request ids of the request being served, and the exception if any.
 */
public final class JsonLogFormatter extends Formatter {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", record.getLevel().getName())
                .add("logger", String.valueOf(record.getLoggerName()))
                .add("thread", Thread.currentThread().getName())
                .add("message", String.valueOf(formatMessage(record)));
        HelidonMdc.get(RequestIds.TRACE_ID).ifPresent(id -> line.add("trace_id", id));
        HelidonMdc.get(RequestIds.REQUEST_ID).ifPresent(id -> line.add("request_id", id));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("exception", trace.toString());
        }
        return line.build().toString() + "\n";
    }
}
