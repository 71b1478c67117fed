package org.openkpi.gateway.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.openkpi.gateway.api.error.ApiException;
import org.openkpi.gateway.api.model.DateRangeInput;
import org.openkpi.gateway.api.model.Granularity;
import org.openkpi.gateway.api.model.Period;

/**
 * The periods of a range at a granularity, as every service cuts them (METRICS.md, Common rules): calendar-aligned
 * (ISO weeks from Monday), half-open, the first and last clipped to the range.
 */
public final class Periods {

    /** The most periods one series may have. */
    public static final int MAX_PERIODS = 400;

    private Periods() {
    }

    public static List<Period> of(DateRangeInput range, Granularity granularity) {
        if (range == null || range.from() == null || range.to() == null) {
            throw ApiException.validation("range", "from and to are required");
        }
        if (!range.from().isBefore(range.to())) {
            throw ApiException.validation("range", "from must be before to (the range is half-open [from, to))");
        }
        List<Period> periods = new ArrayList<>();
        LocalDate start = range.from();
        while (start.isBefore(range.to())) {
            LocalDate end = next(start, granularity);
            if (end.isAfter(range.to())) {
                end = range.to();
            }
            periods.add(new Period(start, end));
            if (periods.size() > MAX_PERIODS) {
                throw ApiException.validation("range", "more than " + MAX_PERIODS + " periods; use a coarser granularity");
            }
            start = end;
        }
        return periods;
    }

    /** @return the first period boundary after {@code day} */
    public static LocalDate next(LocalDate day, Granularity granularity) {
        return switch (granularity) {
            case DAY -> day.plusDays(1);
            case WEEK -> day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1).plusMonths(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1).plusMonths(3);
            case YEAR -> day.withDayOfYear(1).plusYears(1);
        };
    }

    /** @return the start of the period that ends where the period starting at {@code start} begins (aligned ranges) */
    public static LocalDate previousStart(LocalDate start, Granularity granularity) {
        return switch (granularity) {
            case DAY -> start.minusDays(1);
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
            case YEAR -> start.minusYears(1);
        };
    }
}
