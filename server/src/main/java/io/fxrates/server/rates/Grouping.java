package io.fxrates.server.rates;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

import io.fxrates.server.http.ProblemException;

/**
 * How a time series is thinned: every published day, or the last published day of each ISO
 * week or calendar month (an exact published value, keyed by its own date, never an average).
 */
public enum Grouping {
    DAY, WEEK, MONTH;

    /** Reads {@code group=week|month} (absent: every day). */
    public static Grouping parse(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "", "day" -> DAY;
            case "week" -> WEEK;
            case "month" -> MONTH;
            default -> throw ProblemException.badRequest("invalid-group", "Invalid group",
                    "group='" + Inputs.shorten(raw) + "' is not one of day, week or month.");
        };
    }

    /** A value equal for two dates exactly when they fall in the same period. */
    public long period(LocalDate date) {
        return switch (this) {
            case DAY -> date.toEpochDay();
            case WEEK -> date.get(IsoFields.WEEK_BASED_YEAR) * 100L + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> date.getYear() * 100L + date.getMonthValue();
        };
    }
}
