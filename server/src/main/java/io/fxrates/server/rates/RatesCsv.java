package io.fxrates.server.rates;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

/**
 * Time series as CSV in long form, one rate per line ({@code date,base,quote,rate}): the same
 * header whatever currencies are asked for, and easy to load into a spreadsheet or a database.
 */
final class RatesCsv {

    static final String HEADER = "date,base,quote,rate\n";

    private RatesCsv() {
    }

    static SeriesSink series(RateParameters parameters, OutputStream out) {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 32 * 1024);
        String base = parameters.base();
        return new SeriesSink() {
            @Override
            public void begin(LocalDate startDate, LocalDate endDate) {
                write(HEADER);
            }

            @Override
            public void day(LocalDate date, Map<String, BigDecimal> rates) {
                String prefix = date + "," + base + ",";
                rates.forEach((quote, rate) -> write(prefix + quote + "," + rate.toPlainString() + "\n"));
            }

            @Override
            public void end() {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void write(String text) {
                try {
                    writer.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
