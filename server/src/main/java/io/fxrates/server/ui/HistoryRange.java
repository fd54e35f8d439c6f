package io.fxrates.server.ui;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.fxrates.server.http.ProblemException;
import io.fxrates.server.rates.Grouping;
import io.fxrates.server.rates.Inputs;

/**
 * The span a history page shows: a named range ending today ({@code 1m}, {@code 3m}, {@code 6m},
 * {@code 1y}, {@code 5y}, {@code max}) or explicit start and end dates; and how the series is
 * thinned so that the chart stays small (every day up to a year, weekly up to five, then monthly).
 *
 * @param key      the named range, or {@code custom}
 * @param start    first date
 * @param end      last date
 */
record HistoryRange(String key, LocalDate start, LocalDate end) {

    /** The named ranges, in the order the selector lists them. */
    static final List<String> NAMED = List.of("1m", "3m", "6m", "1y", "5y", "max");

    static final String DEFAULT = "1y";

    /**
     * Reads {@code range}, or {@code start} and {@code end} (either may be blank: the series'
     * first date, today). {@code firstDate} is the provider's first date, for {@code max}.
     */
    static HistoryRange parse(String range, String start, String end, LocalDate today, LocalDate firstDate) {
        boolean custom = !start.isBlank() || !end.isBlank();
        if (custom && !range.isBlank()) {
            throw ProblemException.badRequest("conflicting-parameters", "Conflicting parameters",
                    "Give either a range (such as 1y) or start and end dates, not both.");
        }
        if (custom) {
            LocalDate from = start.isBlank() ? firstDate : Inputs.date(start, "The start date", today);
            LocalDate to = end.isBlank() ? today : Inputs.date(end, "The end date", today);
            if (from.isAfter(to)) {
                throw ProblemException.badRequest("start-after-end", "Start after end",
                        "The start date " + from + " is after the end date " + to + "; put the earlier date first.");
            }
            return new HistoryRange("custom", from, to);
        }
        String key = range.isBlank() ? DEFAULT : range.strip().toLowerCase(Locale.ROOT);
        LocalDate from = switch (key) {
            case "1m" -> today.minusMonths(1);
            case "3m" -> today.minusMonths(3);
            case "6m" -> today.minusMonths(6);
            case "1y" -> today.minusYears(1);
            case "5y" -> today.minusYears(5);
            case "max" -> firstDate.isAfter(today) ? today : firstDate;
            default -> throw ProblemException.badRequest("invalid-range", "Invalid range",
                    "range='" + shorten(range) + "' is not one of " + String.join(", ", NAMED) + ".");
        };
        return new HistoryRange(key, from, today);
    }

    /** Every published day up to about a year, the last day of each week up to five years, else of each month. */
    Grouping grouping() {
        long days = end.toEpochDay() - start.toEpochDay();
        if (days <= 370) {
            return Grouping.DAY;
        }
        return days <= 5 * 366 + 7 ? Grouping.WEEK : Grouping.MONTH;
    }

    private static String shorten(String raw) {
        String printable = raw.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
