package org.openkpi.support.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The business-hours calculator on hand-checked cases. */
class BusinessHoursTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Map<DayOfWeek, List<BusinessHours.Block>> weekdays(BusinessHours.Block... blocks) {
        Map<DayOfWeek, List<BusinessHours.Block>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                week.put(d, List.of(blocks));
            }
        }
        return week;
    }

    static BusinessHours.Block block(int fromHour, int fromMinute, int toHour, int toMinute) {
        return new BusinessHours.Block(fromHour * 60 + fromMinute, toHour * 60 + toMinute);
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    @Test
    void fridayEveningToMondayMorningIsOneBusinessHour() {
        BusinessHours h = new BusinessHours(UTC, weekdays(block(9, 0, 18, 0)), Set.of());
        // 2024-03-01 is a Friday: 17:30-18:00 Friday + 09:00-09:30 Monday
        assertEquals(3600, h.seconds(at("2024-03-01T17:30", UTC), at("2024-03-04T09:30", UTC)));
    }

    @Test
    void lunchBreakDoesNotCount() {
        BusinessHours h = new BusinessHours(UTC, weekdays(block(9, 0, 12, 0), block(13, 0, 18, 0)), Set.of());
        // Monday 11:00 -> 14:00: 11-12 and 13-14
        assertEquals(2 * 3600, h.seconds(at("2024-03-04T11:00", UTC), at("2024-03-04T14:00", UTC)));
        // inside the break only
        assertEquals(0, h.seconds(at("2024-03-04T12:10", UTC), at("2024-03-04T12:50", UTC)));
        // a whole day is 8 hours
        assertEquals(8 * 3600, h.seconds(at("2024-03-04T00:00", UTC), at("2024-03-05T00:00", UTC)));
    }

    @Test
    void holidaysAreSkipped() {
        BusinessHours h = new BusinessHours(UTC, weekdays(block(9, 0, 18, 0)), Set.of(LocalDate.of(2024, 3, 4)));
        // Friday 17:30 -> Tuesday 09:30 with Monday a holiday: 0.5 + 0.5
        assertEquals(3600, h.seconds(at("2024-03-01T17:30", UTC), at("2024-03-05T09:30", UTC)));
        assertFalse(h.isWorkingDay(LocalDate.of(2024, 3, 4)));
        assertTrue(h.isWorkingDay(LocalDate.of(2024, 3, 5)));
        assertFalse(h.isWorkingDay(LocalDate.of(2024, 3, 2)));
    }

    @Test
    void daylightSavingChangeKeepsLocalOpeningTimes() {
        BusinessHours h = new BusinessHours(BERLIN, weekdays(block(9, 0, 18, 0)), Set.of());
        // Berlin moves to summer time on Sunday 2024-03-31. Friday 17:00 CET (16:00Z) -> Monday 10:00 CEST (08:00Z):
        // 17-18 Friday + 09-10 Monday = 2 business hours, while the calendar span is 64 hours.
        Instant from = Instant.parse("2024-03-29T16:00:00Z");
        Instant to = Instant.parse("2024-04-01T08:00:00Z");
        assertEquals(from, at("2024-03-29T17:00", BERLIN));
        assertEquals(to, at("2024-04-01T10:00", BERLIN));
        assertEquals(2 * 3600, h.seconds(from, to));
        assertEquals(64 * 3600, java.time.Duration.between(from, to).getSeconds());
    }

    @Test
    void aRoundTheClockDayLosesAnHourInSpringAndGainsOneInAutumn() {
        Map<DayOfWeek, List<BusinessHours.Block>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, List.of(new BusinessHours.Block(0, 1440)));
        }
        BusinessHours h = new BusinessHours(BERLIN, week, Set.of());
        assertEquals(23 * 3600, h.seconds(at("2024-03-31T00:00", BERLIN), at("2024-04-01T00:00", BERLIN)));
        assertEquals(25 * 3600, h.seconds(at("2024-10-27T00:00", BERLIN), at("2024-10-28T00:00", BERLIN)));
    }

    @Test
    void emptyOrReversedSpansAreZero() {
        BusinessHours h = new BusinessHours(UTC, weekdays(block(9, 0, 18, 0)), Set.of());
        Instant t = at("2024-03-04T10:00", UTC);
        assertEquals(0, h.seconds(t, t));
        assertEquals(0, h.seconds(t, t.minusSeconds(60)));
    }

    @Test
    void quantiserKeepsRoundValuesAndBoundsTheError() {
        assertEquals(59, Quantiser.quantise(59));
        assertEquals(3600, Quantiser.quantise(3600));
        assertEquals(9000, Quantiser.quantise(9000));
        assertEquals(63_000, Quantiser.quantise(63_000));
        assertEquals(1005, Quantiser.quantise(1011)); // 750-1499 s: multiples of 15
        for (int h = 1; h <= 100; h++) {
            assertEquals(h * 3600L, Quantiser.quantise(h * 3600L), "whole hours are exact");
        }
        for (int m = 1; m <= 100; m++) {
            assertEquals(m * 60L, Quantiser.quantise(m * 60L), "whole minutes are exact");
        }
        for (long s = 0; s < 50_000_000; s += 997) {
            long q = Quantiser.quantise(s);
            assertTrue(Math.abs(q - s) <= s * 0.01, "error too large for " + s + ": " + q);
        }
    }
}
