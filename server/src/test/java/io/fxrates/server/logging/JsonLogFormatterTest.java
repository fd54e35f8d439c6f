package io.fxrates.server.logging;

import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log lines are one valid JSON object each, whatever the message holds. */
class JsonLogFormatterTest {

    @Test
    void oneJsonObjectPerLineWithTheRequestsIds() {
        LogRecord record = new LogRecord(Level.WARNING, "quote \" backslash \\ newline \n tab \t control \u0001 done");
        record.setLoggerName("io.fxrates.test");
        record.setThrown(new IllegalStateException("boom"));
        HelidonMdc.set(RequestIds.TRACE_ID, "trace-1");
        HelidonMdc.set(RequestIds.REQUEST_ID, "request-1");
        String line;
        try {
            line = new JsonLogFormatter().format(record);
        } finally {
            HelidonMdc.remove(RequestIds.TRACE_ID);
            HelidonMdc.remove(RequestIds.REQUEST_ID);
        }
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "exactly one line: " + line);
        JsonObject json = Json.createReader(new StringReader(line)).readObject();
        assertEquals("WARNING", json.getString("level"));
        assertEquals("io.fxrates.test", json.getString("logger"));
        assertEquals(record.getMessage(), json.getString("message"));
        assertEquals("trace-1", json.getString("trace_id"));
        assertEquals("request-1", json.getString("request_id"));
        assertTrue(json.getString("exception").startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(json.getString("time").endsWith("Z"), "UTC");
    }
}
