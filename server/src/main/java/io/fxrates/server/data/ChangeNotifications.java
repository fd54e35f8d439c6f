package io.fxrates.server.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fxrates.schema.DataChanges;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for the updater's commits ({@code NOTIFY} on {@link DataChanges#CHANNEL}, sent in the
 * same transaction as its writes, so delivered when they are visible) and wakes {@link RatesData}
 * up at once: every instance sees an update within a second. One connection of its own, on the
 * writer (notifications are not replicated to read replicas), reopened with backoff when lost.
 * The version poll stays as the fallback for a notification missed while disconnected.
 */
public final class ChangeNotifications implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ChangeNotifications.class.getName());
    private static final int WAIT_MILLIS = 1000;

    /** Opens a fresh connection to the database, with the server's credentials and time-outs. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;

    private ChangeNotifications(Connector connector, Runnable onChange) {
        this.connector = connector;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("fxrates-notifications").unstarted(this::run);
    }

    /** Starts listening; {@code onChange} runs on the listening thread for every batch of notifications. */
    public static ChangeNotifications start(Connector connector, Runnable onChange) {
        ChangeNotifications notifications = new ChangeNotifications(connector, onChange);
        notifications.thread.start();
        return notifications;
    }

    /** Whether a LISTEN connection is open now. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        boolean warned = false;
        while (running) {
            try (Connection connection = connector.connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + DataChanges.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                if (warned) {
                    LOGGER.info("Listening for updates again");
                    warned = false;
                }
                // Anything committed while we were not listening is caught by this first look.
                onChange.run();
                backoff = Duration.ofMillis(500);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOGGER.log(Level.WARNING, "Not listening for updates (the version poll stands in): " + e.getMessage());
                    warned = true;
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
        listening = false;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
