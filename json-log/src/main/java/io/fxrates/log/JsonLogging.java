package io.fxrates.log;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging for a process that has no logging.properties of its own (the Lambda,
 * the local updater): every record as a JSON line on standard output, INFO and up.
 */
public final class JsonLogging {

    private JsonLogging() {
    }

    /** Replaces the root logger's handlers with one {@link JsonLineHandler} on {@code out}. */
    public static synchronized void install(PrintStream out) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JsonLineHandler(out));
        root.setLevel(Level.INFO);
    }
}
