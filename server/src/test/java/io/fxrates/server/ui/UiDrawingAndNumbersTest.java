package io.fxrates.server.ui;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.fxrates.server.http.ProblemException;
import io.fxrates.server.rates.Grouping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pure parts of the pages: number display, chart geometry and range parsing. */
class UiDrawingAndNumbersTest {

    @Test
    void numbersKeepEveryDigitAndGroupThousands() {
        assertEquals("14,518.3", Numbers.display(new BigDecimal("14518.3")));
        assertEquals("145.183", Numbers.display(new BigDecimal("145.183")));
        assertEquals("145,183,079", Numbers.display(new BigDecimal("145183079")));
        assertEquals("0.0000537444", Numbers.display(new BigDecimal("0.0000537444")));
        assertEquals("1,000,000.10", Numbers.display(new BigDecimal("1000000.10")));
        assertEquals("-1,234.5", Numbers.display(new BigDecimal("-1234.5")));
        assertEquals("0.00000001", Numbers.display(new BigDecimal("1E-8")));
        assertEquals("14518.3", Numbers.machine(new BigDecimal("14518.3")));
    }

    @Test
    void theChartSpansThePlotFromFirstToLastDateAndLowestToHighestValue() {
        SvgChart.Drawing d = SvgChart.draw(List.of(
                new SvgChart.Point(LocalDate.parse("2025-01-01"), new BigDecimal("1.10")),
                new SvgChart.Point(LocalDate.parse("2025-01-03"), new BigDecimal("1.20")),
                new SvgChart.Point(LocalDate.parse("2025-01-05"), new BigDecimal("1.15"))));
        double left = SvgChart.LEFT;
        double right = SvgChart.WIDTH - SvgChart.RIGHT;
        double top = SvgChart.TOP;
        double bottom = SvgChart.HEIGHT - SvgChart.BOTTOM;
        String expected = String.format(java.util.Locale.ROOT, "%.1f,%.1f %.1f,%.1f %.1f,%.1f",
                left, bottom, (left + right) / 2, top, right, (top + bottom) / 2);
        assertEquals(expected, d.points());
        assertEquals(new BigDecimal("1.10"), d.min());
        assertEquals(new BigDecimal("1.20"), d.max());
        assertEquals(LocalDate.parse("2025-01-05"), d.last());
    }

    @Test
    void aSinglePointOrAFlatSeriesIsDrawnInTheMiddle() {
        SvgChart.Drawing one = SvgChart.draw(List.of(new SvgChart.Point(LocalDate.parse("2025-01-01"), BigDecimal.ONE)));
        assertEquals(1, one.dots().size());
        assertEquals("320.0,146.0", one.points());
    }

    @Test
    void rangesEndTodayAndThinLongSeries() {
        LocalDate today = LocalDate.parse("2025-05-12");
        LocalDate first = LocalDate.parse("1999-01-04");
        HistoryRange month = HistoryRange.parse("1m", "", "", today, first);
        assertEquals(LocalDate.parse("2025-04-12"), month.start());
        assertEquals(today, month.end());
        assertEquals(Grouping.DAY, month.grouping());
        assertEquals(Grouping.DAY, HistoryRange.parse("", "", "", today, first).grouping());
        assertEquals(Grouping.WEEK, HistoryRange.parse("5y", "", "", today, first).grouping());
        HistoryRange max = HistoryRange.parse("MAX", "", "", today, first);
        assertEquals(first, max.start());
        assertEquals(Grouping.MONTH, max.grouping());
        HistoryRange custom = HistoryRange.parse("", "2024-01-02", "", today, first);
        assertEquals("custom", custom.key());
        assertEquals(today, custom.end());
        assertThrows(ProblemException.class, () -> HistoryRange.parse("2w", "", "", today, first));
        assertThrows(ProblemException.class, () -> HistoryRange.parse("1y", "2024-01-02", "", today, first));
        assertThrows(ProblemException.class, () -> HistoryRange.parse("", "2025-05-01", "2025-01-01", today, first));
    }
}
