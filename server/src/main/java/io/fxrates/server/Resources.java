package io.fxrates.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the server opened, closed in the reverse order: the last opened may depend on the first. */
final class Resources implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Resources.class.getName());

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Keeps {@code resource} (null is ignored) to close later, and returns it. */
    <T extends AutoCloseable> T add(T resource) {
        if (resource != null) {
            opened.push(resource);
        }
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Could not close " + resource, e);
            }
        }
    }
}
