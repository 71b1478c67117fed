package org.openkpi.deploy.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The knobs of the demo company. The same spec always gives byte-identical facts.
 *
 * @param seed      seed of every random choice
 * @param customers how many customers pay at some point in the 24 months (the scale)
 * @param endDate   the first day without facts: the 24 months are the month of the day before it and the 23 before
 */
public record DemoSpec(long seed, int customers, LocalDate endDate) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_CUSTOMERS = 300;
    public static final int MIN_CUSTOMERS = 10;
    public static final int MAX_CUSTOMERS = 5_000;
    public static final int MONTHS = 24;

    public DemoSpec {
        if (customers < MIN_CUSTOMERS || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("demo customers must be between " + MIN_CUSTOMERS + " and " + MAX_CUSTOMERS
                    + ", not " + customers);
        }
        if (endDate == null) {
            throw new IllegalArgumentException("an end date is needed");
        }
    }

    /** The default company ending today (UTC, the demo tenant's zone). */
    public static DemoSpec defaults() {
        return new DemoSpec(DEFAULT_SEED, DEFAULT_CUSTOMERS, LocalDate.now(ZoneOffset.UTC));
    }

    /** The last day with facts. */
    public LocalDate lastDay() {
        return endDate.minusDays(1);
    }

    public YearMonth lastMonth() {
        return YearMonth.from(lastDay());
    }

    public YearMonth firstMonth() {
        return lastMonth().minusMonths(MONTHS - 1);
    }

    public LocalDate firstDay() {
        return firstMonth().atDay(1);
    }
}
