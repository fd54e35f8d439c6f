package io.fxrates.server.rates;

import io.fxrates.server.model.ByteSink;
import io.fxrates.server.model.RatesModel;

/**
 * Rates and time series as CSV in long form, one rate per line ({@code date,base,quote,rate}): the
 * same header whatever currencies are asked for, and easy to load into a spreadsheet or a database.
 */
final class RatesCsv {

    static final String HEADER = "date,base,quote,rate\n";

    private RatesCsv() {
    }

    /** The rates of {@code day}. */
    static void day(ByteSink out, RateParameters parameters, Quotes quotes, int[] selection, int day) {
        out.writeAscii(HEADER);
        rows(out, parameters, quotes, selection, day);
    }

    /** A time series, written as it is computed from the model's arrays. */
    static void series(ByteSink out, RateParameters parameters, Quotes quotes, int[] selection,
                       RateQueries.Span span, Grouping grouping) {
        out.writeAscii(HEADER);
        RateQueries.forEachDay(quotes.model(), span, quotes.base(), selection, grouping,
                day -> rows(out, parameters, quotes, selection, day));
    }

    private static void rows(ByteSink out, RateParameters parameters, Quotes quotes, int[] selection, int day) {
        RatesModel model = quotes.model();
        byte[] date = model.dateText(day);
        RateQueries.forEachQuote(quotes, selection, day, series -> {
            out.write(date).writeByte(',').writeAscii(parameters.base()).writeByte(',').writeAscii(model.code(series)).writeByte(',');
            quotes.write(out, series, day);
            out.writeByte('\n');
        });
    }
}
