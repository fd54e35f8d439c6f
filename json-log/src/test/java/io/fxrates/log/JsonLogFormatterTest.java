package io.fxrates.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log lines are one valid JSON object each, with the same keys for every process, whatever the message holds. */
class JsonLogFormatterTest {

    private static JsonObject parse(String line) {
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "exactly one line: " + line);
        return Json.createReader(new StringReader(line)).readObject();
    }

    @Test
    void oneJsonObjectPerLineWithTheIdsOfWhatIsBeingDone() {
        LogRecord record = new LogRecord(Level.WARNING, "quote \" backslash \\ newline \n tab \t control \u0001 done");
        record.setLoggerName("io.fxrates.test");
        record.setThrown(new IllegalStateException("boom"));
        String line;
        try (LogContext.Scope ignored = LogContext.enter("trace-1", "request-1")) {
            line = new JsonLogFormatter().format(record);
        }
        JsonObject json = parse(line);
        assertEquals("WARN", json.getString("level"));
        assertEquals("io.fxrates.test", json.getString("logger"));
        assertEquals(record.getMessage(), json.getString("message"));
        assertEquals("trace-1", json.getString("trace_id"));
        assertEquals("request-1", json.getString("request_id"));
        JsonObject error = json.getJsonObject("error");
        assertEquals("java.lang.IllegalStateException", error.getString("type"));
        assertEquals("boom", error.getString("message"));
        assertTrue(error.getString("stack_trace").startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(error.getString("stack_trace").contains("\tat io.fxrates.log.JsonLogFormatterTest"), "the stack trace");
        assertTrue(json.getString("time").endsWith("Z"), "UTC");
        assertFalse(new JsonLogFormatter().format(record).contains("trace-1"), "the ids end with their scope");
    }

    @Test
    void fieldsBecomeTopLevelMembersWithTheirJsonTypes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("provider", "ECB");
        fields.put("inserted", 30);
        fields.put("rate", new BigDecimal("0.0000601"));
        fields.put("succeeded", true);
        fields.put("level", "not allowed to replace a member of the formatter's");
        fields.put("error", Map.of("message", "a failure that is not an exception"));
        fields.put("phasesMs", Map.of("write", 12L));
        fields.put("none", null);
        fields.put("nan", Double.NaN);
        fields.put("list", List.of("a", 1));
        LogRecord record = new LogRecord(Level.INFO, "update run succeeded {0}");
        record.setLoggerName("io.fxrates.updater.UpdateRunner");
        record.setParameters(new Object[] {LogFields.of(fields)});
        JsonObject json = parse(new JsonLogFormatter().format(record));
        assertEquals("INFO", json.getString("level"));
        assertEquals("update run succeeded {0}", json.getString("message"), "fields are not message parameters");
        assertEquals("ECB", json.getString("provider"));
        assertEquals(30, json.getInt("inserted"));
        assertEquals(new BigDecimal("0.0000601"), json.getJsonNumber("rate").bigDecimalValue());
        assertTrue(json.getBoolean("succeeded"));
        assertEquals("INFO", json.getString("level"), "a field never replaces the formatter's members");
        assertEquals("a failure that is not an exception", json.getJsonObject("error").getString("message"));
        assertEquals(12, json.getJsonObject("phasesMs").getInt("write"));
        assertTrue(json.isNull("none"));
        assertTrue(json.isNull("nan"));
        assertEquals("[\"a\",1]", json.getJsonArray("list").toString());
    }

    @Test
    void levelsHaveTheirConventionalNames() {
        assertEquals("ERROR", JsonLogFormatter.level(Level.SEVERE));
        assertEquals("WARN", JsonLogFormatter.level(Level.WARNING));
        assertEquals("INFO", JsonLogFormatter.level(Level.INFO));
        assertEquals("INFO", JsonLogFormatter.level(Level.CONFIG));
        assertEquals("DEBUG", JsonLogFormatter.level(Level.FINE));
        assertEquals("TRACE", JsonLogFormatter.level(Level.FINEST));
    }

    @Test
    void theStructuredLoggerAndTheInstalledHandlerWriteTheseLinesToStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger root = Logger.getLogger("");
        var saved = root.getHandlers();
        var savedLevel = root.getLevel();
        try {
            JsonLogging.install(new PrintStream(out, true, StandardCharsets.UTF_8));
            StructuredLogger.of(JsonLogFormatterTest.class).error("run failed",
                    Map.of("mode", "daily", "error", Map.of("message", "replaced by the exception")),
                    new java.sql.SQLException("connection refused", "08001"));
            Logger.getLogger("below.info").fine("not written");
        } finally {
            for (var h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (var h : saved) {
                root.addHandler(h);
            }
            root.setLevel(savedLevel);
        }
        String written = out.toString(StandardCharsets.UTF_8);
        JsonObject json = parse(written);
        assertEquals("ERROR", json.getString("level"));
        assertEquals("io.fxrates.log.JsonLogFormatterTest", json.getString("logger"));
        assertEquals("daily", json.getString("mode"));
        assertEquals("java.sql.SQLException", json.getJsonObject("error").getString("type"));
    }
}
