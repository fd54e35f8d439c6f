package io.fxrates.updater.store;

/** What one run's transaction did: rows inserted, corrected (updated), and left as they were. */
public record WriteResult(int inserted, int updated, int unchanged) {
    /** Whether the provider's data changed (then its data_version was bumped). */
    public boolean changedData() {
        return inserted + updated > 0;
    }
}
