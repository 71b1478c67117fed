package org.openkpi.support.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.openkpi.support.api.error.ApiException;
import org.openkpi.support.api.error.ErrorCode;
import org.openkpi.support.api.model.Granularity;

/** Splits a half-open range of days into periods of a granularity, the first and last clipped to the range. */
public final class Periods {

    public static final int MAX_PERIODS = 5000;

    private final List<LocalDate> starts;
    private final List<LocalDate> ends;

    private Periods(List<LocalDate> starts, List<LocalDate> ends) {
        this.starts = starts;
        this.ends = ends;
    }

    public static Periods of(LocalDate from, LocalDate to, Granularity granularity) {
        if (from == null || to == null) {
            throw ApiException.validation("range", "from and to are required");
        }
        Fields.inYears(-1, "range.from", from);
        Fields.inYears(-1, "range.to", to);
        if (!from.isBefore(to)) {
            throw ApiException.validation("range", "from (" + from + ") must be before to (" + to + ")");
        }
        List<LocalDate> starts = new ArrayList<>();
        List<LocalDate> ends = new ArrayList<>();
        LocalDate cursor = from;
        while (cursor.isBefore(to)) {
            LocalDate next = nextBoundary(cursor, granularity);
            LocalDate end = next.isBefore(to) ? next : to;
            starts.add(cursor);
            ends.add(end);
            cursor = end;
            if (starts.size() > MAX_PERIODS) {
                throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "more than " + MAX_PERIODS + " periods: use a coarser granularity",
                        null, "granularity");
            }
        }
        return new Periods(starts, ends);
    }

    /** One period covering the whole range [from, to). */
    public static Periods single(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw ApiException.validation("range", "from and to are required");
        }
        Fields.inYears(-1, "range.from", from);
        Fields.inYears(-1, "range.to", to);
        if (!from.isBefore(to)) {
            throw ApiException.validation("range", "from (" + from + ") must be before to (" + to + ")");
        }
        return new Periods(List.of(from), List.of(to));
    }

    static LocalDate nextBoundary(LocalDate d, Granularity g) {
        return switch (g) {
            case DAY -> d.plusDays(1);
            case WEEK -> d.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTH -> d.withDayOfMonth(1).plusMonths(1);
            case QUARTER -> d.withDayOfMonth(1).withMonth(((d.getMonthValue() - 1) / 3) * 3 + 1).plusMonths(3);
            case YEAR -> d.withDayOfYear(1).plusYears(1);
        };
    }

    public int size() {
        return starts.size();
    }

    public LocalDate start(int i) {
        return starts.get(i);
    }

    public LocalDate end(int i) {
        return ends.get(i);
    }

    public LocalDate from() {
        return starts.get(0);
    }

    public LocalDate to() {
        return ends.get(ends.size() - 1);
    }

    public List<LocalDate> starts() {
        return Collections.unmodifiableList(starts);
    }

    public List<LocalDate> ends() {
        return Collections.unmodifiableList(ends);
    }

    /** Index of the period holding {@code day}, or -1 outside the range. */
    public int indexOf(LocalDate day) {
        if (day.isBefore(from()) || !day.isBefore(to())) {
            return -1;
        }
        int i = Collections.binarySearch(starts, day);
        return i >= 0 ? i : -i - 2;
    }
}
