package io.fxrates.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fxrates.log.JsonLineHandler;

/**
 * The JSON log lines written while it is open, exactly as the process would print them: for
 * tests that prove what is (and what is never) logged.
 */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Handler handler = new JsonLineHandler(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    private final Logger root = Logger.getLogger("");
    private final Level savedLevel = root.getLevel();

    private LogCapture() {
        root.addHandler(handler);
        if (savedLevel == null || savedLevel.intValue() > Level.INFO.intValue()) {
            root.setLevel(Level.INFO);
        }
    }

    /** Starts capturing INFO and above. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything written so far, one JSON object per line. */
    public String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(savedLevel);
    }
}
