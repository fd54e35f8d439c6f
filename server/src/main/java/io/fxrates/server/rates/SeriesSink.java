package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Receives a time series day by day, so that it can be written out as it is read. */
public interface SeriesSink {

    /** Called once, before any day: the dates the series actually covers (or the requested ones when empty). */
    void begin(LocalDate startDate, LocalDate endDate);

    /** One day's rates, already converted to the requested base and amount. */
    void day(LocalDate date, Map<String, BigDecimal> rates);

    /** Called once, after the last day. */
    void end();
}
