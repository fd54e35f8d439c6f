package io.fxrates.schema;

/**
 * How the updater tells the servers that a provider's data changed: a PostgreSQL notification on
 * {@link #CHANNEL} whose payload is the provider's code, sent inside the transaction that changed
 * it (so delivered at its commit, and only then). Part of the database's contract, like the tables.
 */
public final class DataChanges {

    /** The LISTEN/NOTIFY channel. */
    public static final String CHANNEL = "fxrates_data_changed";

    private DataChanges() {
    }
}
