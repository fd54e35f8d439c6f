package io.fxrates.updater.json;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line, which CloudWatch Logs Insights reads field by field. Callers pass
 * only what is safe to log: never a password, an API key or a URL that carries one.
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;

    private JsonLog() {
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public static void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    public static void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    /** Tests redirect the log to inspect it (for example, to prove that no secret is logged). */
    public static void redirect(PrintStream stream) {
        out = stream == null ? System.out : stream;
    }

    private static void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", "fxrates.updater");
        line.put("message", message);
        line.putAll(fields);
        out.println(JsonText.of(line));
    }
}
