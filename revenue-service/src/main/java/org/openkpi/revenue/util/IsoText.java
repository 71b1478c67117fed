package org.openkpi.revenue.util;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Appends instants and dates exactly as {@link Instant#toString()} and {@link LocalDate#toString()} write them, without
 * their formatter machinery for the years 1000 to 9999 (anything else goes through {@code toString}). The write path
 * renders a few of them per event (content hashes, COPY rows), a million events per ingestion.
 */
public final class IsoText {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long FIRST_FAST_SECOND = LocalDate.of(1000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END_FAST_SECOND = LocalDate.of(10000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private IsoText() {
    }

    /** Appends {@code instant.toString()}: {@code 2024-03-01T09:30:00Z}, with 3, 6 or 9 fraction digits when it has any. */
    public static StringBuilder appendInstant(StringBuilder sb, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds >= END_FAST_SECOND) {
            return sb.append(instant);
        }
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) (seconds - day * SECONDS_PER_DAY);
        appendDate(sb, LocalDate.ofEpochDay(day)).append('T');
        two(sb, secondOfDay / 3600).append(':');
        two(sb, secondOfDay / 60 % 60).append(':');
        two(sb, secondOfDay % 60);
        int nano = instant.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(sb, nano / 1_000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z');
    }

    /** Appends {@code date.toString()}: {@code 2024-03-01}. */
    public static StringBuilder appendDate(StringBuilder sb, LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return sb.append(date);
        }
        sb.append(year).append('-');
        two(sb, date.getMonthValue()).append('-');
        return two(sb, date.getDayOfMonth());
    }

    private static StringBuilder two(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void digits(StringBuilder sb, int value, int count) {
        for (int power = pow10(count - 1); power > 0; power /= 10) {
            sb.append((char) ('0' + value / power % 10));
        }
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
