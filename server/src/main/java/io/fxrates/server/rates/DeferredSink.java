package io.fxrates.server.rates;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A sink that opens the response only when the series begins, that is after the first database
 * reads succeeded: until then a failure can still become a proper error response.
 */
final class DeferredSink implements SeriesSink {

    private final Supplier<OutputStream> open;
    private final Function<OutputStream, SeriesSink> sinkFor;
    private SeriesSink delegate;

    DeferredSink(Supplier<OutputStream> open, Function<OutputStream, SeriesSink> sinkFor) {
        this.open = open;
        this.sinkFor = sinkFor;
    }

    @Override
    public void begin(LocalDate startDate, LocalDate endDate) {
        delegate = sinkFor.apply(open.get());
        delegate.begin(startDate, endDate);
    }

    @Override
    public void day(LocalDate date, Map<String, BigDecimal> rates) {
        delegate.day(date, rates);
    }

    @Override
    public void end() {
        delegate.end();
    }
}
