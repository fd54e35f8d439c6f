package io.fxrates.server.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * The TARGET calendar the ECB publishes its reference rates by, as it was in each year: closed on
 * weekends, New Year's Day and Christmas Day; from 2000 also on Good Friday, Easter Monday, 1 May
 * and 26 December; and on two days of its own, 31 December 1999 (the change of millennium) and
 * 31 December 2001 (the euro cash changeover). In 1999 the ECB published on Good Friday and Easter
 * Monday. Checked against every day of the ECB's own history (TargetCalendarTest).
 */
public final class TargetCalendar {

    private static final Set<MonthDay> ALWAYS_CLOSED = Set.of(MonthDay.of(1, 1), MonthDay.of(12, 25));
    private static final Set<MonthDay> CLOSED_FROM_2000 = Set.of(MonthDay.of(5, 1), MonthDay.of(12, 26));
    private static final int FULL_CALENDAR_FROM = 2000;
    private static final Set<LocalDate> SPECIAL_CLOSING_DAYS = Set.of(LocalDate.of(1999, 12, 31), LocalDate.of(2001, 12, 31));

    private TargetCalendar() {
    }

    /** Whether the ECB publishes rates on {@code date}. */
    public static boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return false;
        }
        MonthDay monthDay = MonthDay.from(date);
        if (ALWAYS_CLOSED.contains(monthDay) || SPECIAL_CLOSING_DAYS.contains(date)) {
            return false;
        }
        if (date.getYear() < FULL_CALENDAR_FROM) {
            return true;
        }
        if (CLOSED_FROM_2000.contains(monthDay)) {
            return false;
        }
        LocalDate easter = easterSunday(date.getYear());
        return !date.equals(easter.minusDays(2)) && !date.equals(easter.plusDays(1));
    }

    /** The first business day after {@code date}. */
    public static LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** Business days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    public static int businessDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isBusinessDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
