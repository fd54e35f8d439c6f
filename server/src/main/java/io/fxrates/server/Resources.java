package io.fxrates.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the server opened, closed in the reverse order: the last opened may depend on the first.
 * Resources may be added from another thread (the first-start load starts once the schema is
 * ready); one added after {@link #close()} is closed at once.
 */
final class Resources implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Resources.class.getName());

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean closed;

    /** Keeps {@code resource} (null is ignored) to close later, and returns it. */
    <T extends AutoCloseable> T add(T resource) {
        if (resource == null) {
            return null;
        }
        synchronized (this) {
            if (!closed) {
                opened.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        return resource;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable resource;
            synchronized (this) {
                closed = true;
                if (opened.isEmpty()) {
                    return;
                }
                resource = opened.pop();
            }
            closeQuietly(resource);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not close " + resource, e);
        }
    }
}
