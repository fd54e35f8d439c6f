package io.fxrates.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;

/**
 * One JSON object per line, as CloudWatch Logs Insights reads them: time (UTC), level, logger,
 * message, the trace and request ids of the request being served, and the exception if any.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "time", Instant.ofEpochMilli(record.getMillis()).toString());
        field(json, "level", record.getLevel().getName());
        field(json, "logger", record.getLoggerName());
        field(json, "thread", Thread.currentThread().getName());
        field(json, "message", formatMessage(record));
        HelidonMdc.get(RequestIds.TRACE_ID).ifPresent(id -> field(json, "trace_id", id));
        HelidonMdc.get(RequestIds.REQUEST_ID).ifPresent(id -> field(json, "request_id", id));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            field(json, "exception", trace.toString());
        }
        json.setLength(json.length() - 1);
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        escape(json, value == null ? "" : value);
        json.append("\",");
    }

    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
