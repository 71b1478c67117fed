package org.openkpi.revenue.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** IsoText writes what toString writes, on the edges of its fast path and on random values. */
class IsoTextTest {

    @Test
    void instantsAsToStringWritesThem() {
        String[] edges = {"0999-12-31T23:59:59.999999999Z", "1000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
            "2024-02-29T12:00:00.5Z", "2024-03-01T09:30:00.000001Z", "2024-03-01T09:30:00.100000001Z", "2024-03-01T00:00:00.120Z",
            "9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "-0001-06-15T10:00:00Z"};
        for (String edge : edges) {
            check(Instant.parse(edge));
        }
        check(Instant.MIN);
        check(Instant.MAX);
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong() % 400_000_000_000L; // years about -10,700 to 14,600
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            check(Instant.ofEpochSecond(seconds, nano));
        }
    }

    @Test
    void datesAsToStringWritesThem() {
        for (LocalDate d : new LocalDate[] {LocalDate.of(999, 12, 31), LocalDate.of(1000, 1, 1), LocalDate.of(2024, 2, 29),
            LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1), LocalDate.of(-1, 1, 1), LocalDate.MIN, LocalDate.MAX}) {
            assertEquals(d.toString(), IsoText.appendDate(new StringBuilder("x"), d).substring(1));
        }
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(random.nextInt(5_000_000) - 2_500_000);
            assertEquals(d.toString(), IsoText.appendDate(new StringBuilder(), d).toString());
        }
    }

    private static void check(Instant instant) {
        assertEquals(instant.toString(), IsoText.appendInstant(new StringBuilder("x"), instant).substring(1));
    }
}
