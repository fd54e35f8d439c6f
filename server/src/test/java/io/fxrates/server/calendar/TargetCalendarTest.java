package io.fxrates.server.calendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fxrates.testing.EcbHistory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar agrees with the ECB itself: a business day is exactly a day the ECB published rates. */
class TargetCalendarTest {

    @Test
    void everyDayOfTheEcbsHistoryIsABusinessDayExactlyWhenTheEcbPublished() throws IOException {
        Path history = EcbHistory.require("TargetCalendarTest");
        Set<LocalDate> published = new TreeSet<>();
        try (Stream<String> lines = Files.lines(history)) {
            lines.skip(1).filter(line -> !line.isBlank()).forEach(line -> published.add(LocalDate.parse(line.substring(0, 10))));
        }
        LocalDate first = ((TreeSet<LocalDate>) published).first();
        LocalDate last = ((TreeSet<LocalDate>) published).last();
        List<String> disagreements = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (TargetCalendar.isBusinessDay(day) != published.contains(day)) {
                disagreements.add(day + " (" + day.getDayOfWeek() + "): calendar " + TargetCalendar.isBusinessDay(day)
                        + ", published " + published.contains(day));
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(published.size() > 6000, "the whole history: " + published.size() + " days");
    }

    @Test
    void theClosingDaysOfARecentYear() {
        // 2024: Easter Sunday 31 March.
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 1, 1)));
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 3, 29)), "Good Friday");
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 4, 1)), "Easter Monday");
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 5, 1)));
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 12, 25)));
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 12, 26)));
        assertTrue(TargetCalendar.isBusinessDay(LocalDate.of(2024, 12, 31)), "31 December is a business day since 2002");
        assertFalse(TargetCalendar.isBusinessDay(LocalDate.of(2024, 12, 28)), "a Saturday");
    }

    @Test
    void easterFollowsTheGregorianRule() {
        assertEquals(LocalDate.of(1999, 4, 4), TargetCalendar.easterSunday(1999));
        assertEquals(LocalDate.of(2000, 4, 23), TargetCalendar.easterSunday(2000));
        assertEquals(LocalDate.of(2019, 4, 21), TargetCalendar.easterSunday(2019));
        assertEquals(LocalDate.of(2025, 4, 20), TargetCalendar.easterSunday(2025));
        assertEquals(LocalDate.of(2038, 4, 25), TargetCalendar.easterSunday(2038), "the latest possible");
        assertEquals(LocalDate.of(2285, 3, 22), TargetCalendar.easterSunday(2285), "the earliest possible");
    }

    @Test
    void businessDaysAreCountedAcrossHolidays() {
        // Thursday 2024-12-24 to Friday 2024-12-27: 25 and 26 are closed, 27 is open.
        assertEquals(1, TargetCalendar.businessDaysBetween(LocalDate.of(2024, 12, 24), LocalDate.of(2024, 12, 27)));
        assertEquals(LocalDate.of(2024, 12, 27), TargetCalendar.nextBusinessDay(LocalDate.of(2024, 12, 24)));
        assertEquals(LocalDate.of(2025, 1, 2), TargetCalendar.nextBusinessDay(LocalDate.of(2024, 12, 31)));
        assertEquals(0, TargetCalendar.businessDaysBetween(LocalDate.of(2024, 12, 27), LocalDate.of(2024, 12, 27)));
    }
}
