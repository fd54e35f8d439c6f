package io.fxrates.log;

import java.io.PrintStream;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes each record as one {@link JsonLogFormatter} line to standard output (or another stream)
 * and flushes at once: a Lambda environment may be frozen right after an invocation returns, and
 * a container may be killed, so nothing waits in a buffer.
 *
 * <p>Configured by class name in logging.properties (the server) or by {@link JsonLogging#install}.
 */
public class JsonLineHandler extends Handler {

    private final PrintStream out;

    /** Writes to {@code System.out} (what LogManager instantiates from logging.properties). */
    public JsonLineHandler() {
        this(System.out);
    }

    public JsonLineHandler(PrintStream out) {
        this.out = out;
        setFormatter(new JsonLogFormatter());
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("Could not format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        synchronized (out) {
            out.print(line);
            out.flush();
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
