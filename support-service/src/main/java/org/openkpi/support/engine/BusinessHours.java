package org.openkpi.support.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's business-hours calendar: per ISO weekday any number of non-overlapping blocks of local time
 * (minutes after local midnight, end exclusive, 1440 = midnight of the next day), holidays (local dates
 * skipped entirely) and the zone. Each block's start and end are resolved as ZonedDateTimes of the
 * local date, so a daylight-saving change is honoured: a 00:00-24:00 block on a spring-forward day lasts
 * 23 hours, and 09:00 is 09:00 local on both sides of the change. A local time inside a DST gap is
 * moved forward by the gap's length (java.time's rule).
 */
public final class BusinessHours {

    /** A block [startMinute, endMinute) of local time. */
    public record Block(int startMinute, int endMinute) {
        public Block {
            if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
                throw new IllegalArgumentException("a block must satisfy 0 <= start < end <= 1440");
            }
        }
    }

    /** The default when a tenant has set none: Monday to Friday 09:00-17:00. */
    public static Map<DayOfWeek, List<Block>> defaultWeek() {
        Map<DayOfWeek, List<Block>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(d, List.of(new Block(9 * 60, 17 * 60)));
        }
        return week;
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Block>> week;
    private final Set<LocalDate> holidays;

    public BusinessHours(ZoneId zone, Map<DayOfWeek, List<Block>> week, Set<LocalDate> holidays) {
        this.zone = zone;
        this.week = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, List<Block>> e : week.entrySet()) {
            List<Block> blocks = new ArrayList<>(e.getValue());
            blocks.sort((a, b) -> Integer.compare(a.startMinute(), b.startMinute()));
            for (int i = 1; i < blocks.size(); i++) {
                if (blocks.get(i).startMinute() < blocks.get(i - 1).endMinute()) {
                    throw new IllegalArgumentException("blocks of " + e.getKey() + " overlap");
                }
            }
            this.week.put(e.getKey(), List.copyOf(blocks));
        }
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the local date has business hours: its weekday has a block and it is not a holiday. */
    public boolean isWorkingDay(LocalDate day) {
        return !holidays.contains(day) && !week.getOrDefault(day.getDayOfWeek(), Collections.emptyList()).isEmpty();
    }

    /** Business seconds in [from, to); 0 when to is not after from. */
    public long seconds(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        // blocks of earlier local dates end by this date's midnight, blocks of later ones start after `to`
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        long total = 0;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (Block b : week.getOrDefault(day.getDayOfWeek(), Collections.emptyList())) {
                Instant start = at(day, b.startMinute());
                Instant end = at(day, b.endMinute());
                Instant s = start.isAfter(from) ? start : from;
                Instant e = end.isBefore(to) ? end : to;
                if (e.isAfter(s)) {
                    total += Duration.between(s, e).getSeconds();
                }
            }
        }
        return total;
    }

    private Instant at(LocalDate day, int minute) {
        if (minute == 1440) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, java.time.LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }
}
