package io.fxrates.updater.local;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.updater.UpdateRunner;
import io.fxrates.updater.UpdaterSettings;
import io.fxrates.log.JsonLogging;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintStream;
import java.util.Map;

/**
 * Runs one update from a shell (scripts/update-local): {@code LocalUpdate daily|90d|history}.
 * The database comes from FXRATES_DB_URL / FXRATES_DB_USER / FXRATES_DB_PASSWORD, everything else
 * from the same FXRATES_* variables as the Lambda. Prints the run's report as one JSON line on stdout; the
 * log lines (JSON, as the server writes them) go to stderr.
 * Exit status: 0 succeeded, 1 the run failed (the reason on stderr, one line), 2 bad usage.
 */
public final class LocalUpdate {
    static final String USAGE = """
            usage: LocalUpdate daily|90d|history
              daily    the newest business day (ECB: eurofxref-daily.xml)
              90d      the last 90 days (ECB: eurofxref-hist-90d.xml)
              history  everything since 1999 (ECB: eurofxref-hist.zip)
            environment:
              FXRATES_DB_URL       jdbc:postgresql://host:5432/db (required)
              FXRATES_DB_USER      database user
              FXRATES_DB_PASSWORD  database password
              FXRATES_PROVIDER     ECB (default) or OXR
              FXRATES_ECB_BASE_URL default https://www.ecb.europa.eu/stats/eurofxref
              FXRATES_OXR_APP_ID   Open Exchange Rates key (OXR only)
              FXRATES_OXR_BASE_URL default https://openexchangerates.org/api
            see docs/updater.md for the retry and timeout settings.""";

    private LocalUpdate() {
    }

    public static void main(String[] args) {
        // Log lines (JSON, the server's format) on stderr: stdout carries only the report.
        JsonLogging.install(System.err);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole program, minus System.exit: tests call it. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length != 1) {
            err.println("LocalUpdate: expected one argument, daily, 90d or history (--help for more)");
            return 2;
        }
        UpdateMode mode;
        UpdaterSettings settings;
        try {
            mode = UpdateMode.parse(args[0]);
            settings = UpdaterSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("LocalUpdate: " + e.getMessage());
            return 2;
        }
        String url = env.get("FXRATES_DB_URL");
        if (url == null || url.isBlank()) {
            err.println("LocalUpdate: FXRATES_DB_URL is not set (for example jdbc:postgresql://localhost:5432/fxrates)");
            return 2;
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (env.get("FXRATES_DB_USER") != null) {
            dataSource.setUser(env.get("FXRATES_DB_USER"));
        }
        if (env.get("FXRATES_DB_PASSWORD") != null) {
            dataSource.setPassword(env.get("FXRATES_DB_PASSWORD"));
        }
        dataSource.setConnectTimeout(10);
        dataSource.setApplicationName("fxrates-updater-local");

        UpdateReport report = new UpdateRunner(dataSource, settings).run(mode);
        out.println(report.toJson());
        if (!report.succeeded()) {
            err.println("LocalUpdate: " + mode + " update failed: " + report.error().replace('\n', ' '));
            return 1;
        }
        return 0;
    }
}
