package io.fxrates.updater.ecb;

import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.PublishedRate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ECB's {@code eurofxref-hist.csv}: a header {@code Date,USD,JPY,...,ZAR,}, then one line
 * per business day, newest first. Every line ends with a comma (an empty last column). A currency
 * not quoted that day reads {@code N/A}: currencies start late, stop (at euro adoption, or RUB in
 * 2022) and come back (ISK, 2008-12 to 2018-01), so a cell is either a number or N/A.
 */
public final class EcbCsvParser {
    private static final String NOT_QUOTED = "N/A";

    public List<PublishedRate> parse(InputStream csv) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new FeedException("the CSV is empty");
            }
            List<String> currencies = header(stripBom(headerLine));
            List<PublishedRate> rates = new ArrayList<>(currencies.size() * 7000);
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                readRow(line, lineNo, currencies, rates);
            }
            return rates;
        } catch (IOException e) {
            throw new FeedException("the CSV could not be read: " + e.getMessage(), e);
        }
    }

    private static List<String> header(String line) {
        List<String> cells = cells(line);
        if (cells.isEmpty() || !"Date".equals(cells.getFirst().trim())) {
            throw new FeedException("not the ECB's history CSV: the header starts with '"
                    + (cells.isEmpty() ? "" : cells.getFirst()) + "', expected 'Date'");
        }
        List<String> currencies = new ArrayList<>();
        for (int i = 1; i < cells.size(); i++) {
            String code = cells.get(i).trim();
            // Only the very last column may be unnamed: it is the trailing comma.
            if (code.isEmpty() && i == cells.size() - 1) {
                break;
            }
            if (code.isEmpty()) {
                throw new FeedException("the CSV header has an unnamed column " + (i + 1));
            }
            currencies.add(code);
        }
        return currencies;
    }

    private static void readRow(String line, int lineNo, List<String> currencies, List<PublishedRate> into) {
        List<String> cells = cells(line);
        // The trailing comma makes one empty cell more than there are named columns.
        if (cells.size() == currencies.size() + 2 && cells.getLast().isBlank()) {
            cells = cells.subList(0, cells.size() - 1);
        }
        if (cells.size() != currencies.size() + 1) {
            throw new FeedException("line " + lineNo + " of the CSV has " + (cells.size() - 1)
                    + " rate cells, the header names " + currencies.size() + " currencies");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(cells.getFirst().trim());
        } catch (DateTimeParseException e) {
            throw new FeedException("line " + lineNo + " of the CSV starts with '" + cells.getFirst() + "', not a date", e);
        }
        for (int i = 0; i < currencies.size(); i++) {
            String cell = cells.get(i + 1).trim();
            if (NOT_QUOTED.equals(cell)) {
                continue;
            }
            if (cell.isEmpty()) {
                throw new FeedException("line " + lineNo + " of the CSV has an empty cell for " + currencies.get(i)
                        + " (the ECB writes N/A for a currency it did not quote)");
            }
            into.add(new PublishedRate(date, currencies.get(i), EcbXmlParser.number(cell, date, currencies.get(i))));
        }
    }

    /** Splits on commas; the ECB's CSV has no quoting. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>(48);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                cells.add(line.substring(start, i));
                start = i + 1;
            }
        }
        cells.add(line.substring(start));
        return cells;
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
