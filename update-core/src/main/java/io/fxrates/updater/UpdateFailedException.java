package io.fxrates.updater;

/** A run failed; {@link #report()} says how (it is also recorded in update_run when the database was reachable). */
public class UpdateFailedException extends RuntimeException {
    private final transient UpdateReport report;

    public UpdateFailedException(UpdateReport report) {
        super(report.error());
        this.report = report;
    }

    public UpdateReport report() {
        return report;
    }
}
