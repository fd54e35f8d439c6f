package io.fxrates.server.database;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.fxrates.schema.SchemaMigrations;

/**
 * {@link SchemaMigrations} run in a class loader of their own, closed afterwards, so that Flyway and
 * the Jackson it brings (about 1,000 classes, several MB of metaspace) leave the server's memory
 * once the schema is ready: the server needs them once, at start, and its resident memory budget
 * has no room for them all day.
 *
 * <p>What keeps the loader collectable:
 * <ul>
 *   <li>It runs on a short-lived platform thread of its own: Flyway and Jackson leave thread locals
 *       behind, which on a long-lived thread would hold the loader.</li>
 *   <li>It is not that thread's context class loader: Flyway is handed it explicitly, and a JDK
 *       service lookup on the thread (DriverManager's first scan for drivers) would otherwise
 *       register a driver loaded by it for good.</li>
 *   <li>Its parent is the platform class loader, so no application class resolves through it; the
 *       {@link DataSource} given (the pool's) is an application object it sees through
 *       {@code javax.sql} only.</li>
 *   <li>No object of it escapes: a count comes back as an {@code int}, a failure as a
 *       {@link SchemaMigrationFailure} made of its message, read before the loader closes (Flyway's
 *       exceptions load classes when their message is read), and the JDBC failure underneath. That
 *       one was thrown under Flyway's frames, whose classes its stack trace holds until it is dropped.</li>
 * </ul>
 */
public final class IsolatedSchemaMigrations {

    private IsolatedSchemaMigrations() {
    }

    /** {@link SchemaMigrations#apply(DataSource)}, in a loader of its own. */
    public static int apply(DataSource dataSource) {
        return call("apply", dataSource);
    }

    /** {@link SchemaMigrations#pending(DataSource)}, in a loader of its own. */
    public static int pending(DataSource dataSource) {
        return call("pending", dataSource);
    }

    private static int call(String method, DataSource dataSource) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("fxrates-schema").unstarted(() -> outcome.set(invoke(method, dataSource)));
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            // Flyway's JDBC calls end on the pool's time-outs; the caller stops waiting now.
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new SchemaMigrationFailure("interrupted while the schema step ran", null);
        }
        Object result = outcome.get();
        if (result instanceof Integer count) {
            return count;
        }
        if (result instanceof RuntimeException failure) {
            throw failure;
        }
        throw new SchemaMigrationFailure("the schema step ended without a result", null);
    }

    /** On the schema thread: loads, calls, and turns every outcome into something the loader's closing cannot break. */
    private static Object invoke(String method, DataSource dataSource) {
        try (URLClassLoader loader = new URLClassLoader("fxrates-schema", classPath(), ClassLoader.getPlatformClassLoader())) {
            try {
                Class<?> migrations = Class.forName(SchemaMigrations.class.getName(), true, loader);
                return migrations.getMethod(method, DataSource.class).invoke(null, dataSource);
            } catch (InvocationTargetException e) {
                return detached(e.getCause());
            } catch (ReflectiveOperationException | LinkageError e) {
                return new SchemaMigrationFailure("the schema's migrations could not be loaded: " + e, null);
            }
        } catch (IOException e) {
            return new SchemaMigrationFailure("the schema's class loader could not be closed: " + e, null);
        } catch (RuntimeException e) {
            return detached(e);
        }
    }

    /**
     * A failure of Flyway's, told in classes that outlive its loader: its class name and message,
     * read now, its stack trace, and as cause the first {@link SQLException} in its chain (the
     * pool's or the driver's, application classes), which is what tells an outage from a bug.
     */
    static SchemaMigrationFailure detached(Throwable failure) {
        SQLException jdbc = null;
        for (Throwable t = failure; t != null && jdbc == null; t = t.getCause() == t ? null : t.getCause()) {
            // Flyway's own exceptions are RuntimeExceptions: every SQLException comes from the pool or the driver.
            if (t instanceof SQLException sql) {
                jdbc = sql;
            }
        }
        SchemaMigrationFailure detached = new SchemaMigrationFailure(failure.getClass().getSimpleName() + ": " + failure.getMessage(), jdbc);
        detached.setStackTrace(failure.getStackTrace());
        return detached;
    }

    /**
     * The application's class path, as the JVM was given it: the server's jar names its libraries in
     * its manifest, which {@link URLClassLoader} follows as the application loader does.
     */
    private static URL[] classPath() {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("a class path entry that is no URL: " + entry, e);
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** A schema step that failed, in the application's classes only. */
    public static final class SchemaMigrationFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchemaMigrationFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
