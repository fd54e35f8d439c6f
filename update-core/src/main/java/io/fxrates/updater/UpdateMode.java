package io.fxrates.updater;

import java.util.Arrays;
import java.util.Locale;

/**
 * How much of a provider's history one run fetches. The names are the values stored in
 * {@code update_run.mode} (the server's migration checks them), so they must not change.
 */
public enum UpdateMode {
    /** The newest business day only: what the scheduled Lambda runs every day. */
    DAILY("daily"),
    /** The last 90 days: catches up after an outage and picks up recent corrections. */
    NINETY_DAYS("90d"),
    /** Everything the provider has (the ECB: since 1999-01-04): the first load, or a full re-check. */
    HISTORY("history");

    private final String value;

    UpdateMode(String value) {
        this.value = value;
    }

    /** The name used on the command line, in {@code FXRATES_UPDATE_MODE} and in {@code update_run.mode}. */
    public String value() {
        return value;
    }

    /** Parses {@code daily}, {@code 90d} or {@code history}; anything else is an error that lists them. */
    public static UpdateMode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown update mode '" + text + "': use daily, 90d or history"));
    }

    @Override
    public String toString() {
        return value;
    }
}
