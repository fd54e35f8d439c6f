package io.fxrates.server.database;

import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.fxrates.testing.TestPostgres;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema step in a loader of its own: it migrates a real PostgreSQL like {@code SchemaMigrations}
 * does, Flyway's classes really come from a loader that is not the application's, that loader is
 * collected afterwards (so its classes can unload), and a failure survives the loader's closing
 * with what tells an outage from a bug.
 */
class IsolatedSchemaMigrationsTest {

    /** Records the class loader of the Flyway class that asked for a connection, then delegates. */
    private static DataSource watched(DataSource target, AtomicReference<WeakReference<ClassLoader>> flywayLoader) {
        StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        return (DataSource) Proxy.newProxyInstance(IsolatedSchemaMigrationsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        Optional<Class<?>> caller = walker.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                                .filter(c -> c.getName().startsWith("org.flywaydb."))
                                .findFirst());
                        caller.ifPresent(c -> flywayLoader.compareAndSet(null, new WeakReference<>(c.getClassLoader())));
                    }
                    try {
                        return method.invoke(target, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void assertCollected(WeakReference<ClassLoader> loader) throws InterruptedException {
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(loader.get(), "the schema's class loader is collected once the step is over");
    }

    @Test
    void appliesTheMigrationsThenFindsNonePendingAndItsLoaderIsCollected() throws InterruptedException {
        AtomicReference<WeakReference<ClassLoader>> flywayLoader = new AtomicReference<>();
        DataSource empty = watched(TestPostgres.emptyDatabase("isolated_schema"), flywayLoader);

        int applied = IsolatedSchemaMigrations.apply(empty);

        assertTrue(applied > 0, "an empty database gets every migration: " + applied);
        assertEquals(0, IsolatedSchemaMigrations.pending(empty));
        assertEquals(0, IsolatedSchemaMigrations.apply(empty));
        WeakReference<ClassLoader> loader = flywayLoader.get();
        assertNotNull(loader, "Flyway asked for a connection");
        assertEquals("fxrates-schema", loader.get().getName());
        assertNotEquals(ClassLoader.getSystemClassLoader(), loader.get());
        assertEquals(ClassLoader.getPlatformClassLoader(), loader.get().getParent());
        assertCollected(loader);
    }

    @Test
    void aDatabaseThatDoesNotAnswerFailsAsAnOutageAfterTheLoaderIsClosed() throws InterruptedException {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/postgres");
        nowhere.setConnectTimeout(2);
        AtomicReference<WeakReference<ClassLoader>> flywayLoader = new AtomicReference<>();

        assertFailsAsAnOutage(watched(nowhere, flywayLoader));

        // Dropped with the failure: the driver's exception, thrown under Flyway's frames, holds their classes until then.
        assertCollected(flywayLoader.get());
    }

    private static void assertFailsAsAnOutage(DataSource nowhere) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> IsolatedSchemaMigrations.apply(nowhere));

        assertEquals(IsolatedSchemaMigrations.SchemaMigrationFailure.class, failure.getClass());
        assertTrue(failure.getMessage().startsWith("FlywaySql"), "Flyway's exception is named: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("Unable to obtain connection from database"), failure.getMessage());
        SQLException jdbc = assertInstanceOfSql(failure.getCause());
        assertEquals("08001", jdbc.getSQLState());
        assertTrue(DatabaseFailures.isUnavailable(failure));
        assertTrue(failure.getStackTrace().length > 0, "Flyway's stack trace is kept");
        assertTrue(failure.getStackTrace()[0].getClassName().startsWith("org.flywaydb."), failure.getStackTrace()[0].toString());
    }

    private static SQLException assertInstanceOfSql(Throwable cause) {
        assertNotNull(cause, "the JDBC failure underneath is the cause");
        assertTrue(cause instanceof SQLException, cause.getClass().getName());
        assertEquals(ClassLoader.getSystemClassLoader(), cause.getClass().getClassLoader(),
                "the driver's exception is the application's class");
        return (SQLException) cause;
    }
}
