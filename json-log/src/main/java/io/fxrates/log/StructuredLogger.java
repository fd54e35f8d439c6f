package io.fxrates.log;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A java.util.logging logger for lines that carry named fields besides their message:
 * {@code LOG.info("update run succeeded", Map.of("provider", "ECB", "inserted", 30))}. The
 * fields become top-level JSON members of the line ({@link JsonLogFormatter}).
 *
 * <p>Callers pass only what is safe to log: never a password, an API key or a URL that carries one.
 */
public final class StructuredLogger {

    private final Logger logger;

    private StructuredLogger(Logger logger) {
        this.logger = logger;
    }

    public static StructuredLogger of(Class<?> type) {
        return new StructuredLogger(Logger.getLogger(type.getName()));
    }

    public void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        log(Level.WARNING, message, fields, null);
    }

    public void error(String message, Map<String, ?> fields) {
        log(Level.SEVERE, message, fields, null);
    }

    /** An error with its exception: the line gets the exception's type, message and stack trace. */
    public void error(String message, Map<String, ?> fields, Throwable thrown) {
        log(Level.SEVERE, message, fields, thrown);
    }

    private void log(Level level, String message, Map<String, ?> fields, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger.getName());
        record.setParameters(new Object[] {LogFields.of(fields)});
        record.setThrown(thrown);
        logger.log(record);
    }
}
