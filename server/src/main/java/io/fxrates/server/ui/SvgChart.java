package io.fxrates.server.ui;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a line chart of one rate over time, drawn by the history template as an
 * inline {@code <svg>}: x follows the date, y the rate, scaled between the lowest and highest
 * value. Coordinates are doubles (drawing, not money); the labels keep the exact values.
 */
final class SvgChart {

    /** One value of the series. */
    record Point(LocalDate date, BigDecimal value) {
    }

    /** What the template draws. */
    record Drawing(String points, List<String[]> dots, BigDecimal min, BigDecimal max, LocalDate first, LocalDate last) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int LEFT = 12;
    static final int RIGHT = 12;
    static final int TOP = 28;
    static final int BOTTOM = 36;

    private SvgChart() {
    }

    /** The drawing of {@code series} (in date order, at least one point). */
    static Drawing draw(List<Point> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("Nothing to draw");
        }
        BigDecimal min = series.getFirst().value();
        BigDecimal max = min;
        for (Point p : series) {
            min = p.value().compareTo(min) < 0 ? p.value() : min;
            max = p.value().compareTo(max) > 0 ? p.value() : max;
        }
        LocalDate first = series.getFirst().date();
        LocalDate last = series.getLast().date();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double days = last.toEpochDay() - first.toEpochDay();
        double low = min.doubleValue();
        double spread = max.doubleValue() - low;
        StringBuilder points = new StringBuilder(series.size() * 14);
        List<String[]> dots = new ArrayList<>();
        for (Point p : series) {
            double x = days == 0 ? LEFT + plotWidth / 2 : LEFT + plotWidth * (p.date().toEpochDay() - first.toEpochDay()) / days;
            double y = spread == 0 ? TOP + plotHeight / 2 : TOP + plotHeight * (1 - (p.value().doubleValue() - low) / spread);
            if (!points.isEmpty()) {
                points.append(' ');
            }
            String xs = coordinate(x);
            String ys = coordinate(y);
            points.append(xs).append(',').append(ys);
            if (series.size() <= 2) {
                dots.add(new String[] {xs, ys});
            }
        }
        return new Drawing(points.toString(), dots, min, max, first, last);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
