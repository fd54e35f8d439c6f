package io.fxrates.server.rates;

import java.time.LocalDate;

import io.fxrates.server.http.ProblemException;

/**
 * A range written as in Frankfurter's paths: {@code 2024-01-01..2024-01-31}, or
 * {@code 2024-01-01..} for "until today". An end after today is cut to today, as Frankfurter
 * does (the series runs to the newest date); a start after the end is refused; a start after
 * today gives a range after its end, which holds no rates.
 *
 * @param start first date asked for
 * @param end   last date asked for
 */
public record DateRange(LocalDate start, LocalDate end) {

    /** Reads {@code text}; {@code today} is the UTC date. */
    public static DateRange parse(String text, LocalDate today) {
        int dots = text.indexOf("..");
        if (dots < 0 || text.indexOf("..", dots + 2) >= 0) {
            throw ProblemException.badRequest("invalid-range", "Invalid range",
                    "'" + Inputs.shorten(text) + "' is not a range: write START..END or START.., as in 2024-01-01..2024-01-31.");
        }
        LocalDate start = Inputs.date(text.substring(0, dots), "The start date", LocalDate.MAX);
        String endText = text.substring(dots + 2);
        LocalDate end = endText.isEmpty() ? LocalDate.MAX : Inputs.date(endText, "The end date", LocalDate.MAX);
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("start-after-end", "Start after end",
                    "The start date " + start + " is after the end date " + end + "; put the earlier date first.");
        }
        return new DateRange(start, end.isAfter(today) ? today : end);
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
