package io.fxrates.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes a PostgreSQL server and thaws it again, as a network partition or a failover would look
 * to its clients: SIGSTOP to the postmaster and every backend, so connections stay open, the
 * kernel still accepts new ones, and nothing ever answers. Linux only (kill, /proc).
 */
public final class FrozenDatabase {

    private FrozenDatabase() {
    }

    /** Stops every process of the server whose data directory is {@code dataDirectory}. */
    public static void freeze(Path dataDirectory) {
        signal(dataDirectory, "-STOP");
    }

    /** Lets them run again. */
    public static void thaw(Path dataDirectory) {
        signal(dataDirectory, "-CONT");
    }

    private static void signal(Path dataDirectory, String signal) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
            // The postmaster first (on -STOP it starts no new backend), then each backend alive now.
            List<Long> pids = new ArrayList<>(List.of(postmaster));
            ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
            for (long pid : pids) {
                Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid)).redirectErrorStream(true).start();
                String output = new String(kill.getInputStream().readAllBytes());
                if (kill.waitFor() != 0 && pid == postmaster) {
                    throw new IllegalStateException("kill " + signal + " " + pid + " failed: " + output);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal the database in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
