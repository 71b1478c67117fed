package org.openkpi.revenue.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The replay-state bytes on their edges: every optional field present and absent, amounts of any sign, scale and size,
 * instants before 1970 and with nanoseconds, strings outside ASCII; and damaged bytes.
 */
class ReplayStateCodecTest {

    @Test
    void everyFieldSurvivesItsBytes() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            ReplayState state = randomState(random);
            byte[] bytes = ReplayStateCodec.encode(state);
            assertEquals(ReplayStateCodec.FORMAT, bytes[0]);
            ReplayState decoded = ReplayStateCodec.decode(bytes);
            assertEquals(state, decoded, "round " + round);
            // the scale is part of an amount's identity (BigDecimal.equals compares it too, but be explicit)
            assertEquals(state.previousTotal().scale(), decoded.previousTotal().scale());
            assertEquals(state, ReplayStateCodec.decode(ReplayStateCodec.encode(decoded)), "encoded again");
        }
    }

    @Test
    void aPlainSubscriptionTakesFewBytes() {
        SubscriptionReplay.State s = new SubscriptionReplay.State(true, false, false, false, "pro-monthly", 1, null, null, null, null,
                null, null, false, new BigDecimal("99.00"), "evt-000123", new Segment(Instant.parse("2025-03-01T00:00:00Z"),
                        new BigDecimal("99.00"), "pro-monthly"));
        ReplayState state = new ReplayState(LocalDate.of(2025, 3, 1), new BigDecimal("99.00"), Map.of("pro-monthly",
                new BigDecimal("99.00")), true, Set.of("pro-monthly"), new TreeMap<>(Map.of("sub-000123", s)));
        byte[] bytes = ReplayStateCodec.encode(state);
        assertEquals(state, ReplayStateCodec.decode(bytes));
        // format 1 wrote 4-byte scales and counts, 8-byte days and instants, 2-byte lengths: 157 bytes for this state
        assertEquals(104, bytes.length);
    }

    @Test
    void damagedBytesDecodeToNull() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = ReplayStateCodec.encode(randomState(random));
            for (int length = 0; length < bytes.length; length++) {
                assertNull(ReplayStateCodec.decode(Arrays.copyOf(bytes, length)), "cut at " + length);
            }
            assertNull(ReplayStateCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)), "a byte too many");
        }
        // a count far beyond the bytes left cannot size a map
        assertNull(ReplayStateCodec.decode(new byte[] {ReplayStateCodec.FORMAT, 2, 0, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, 0x07}));
        // format 1's bytes (or any other format's) are not read as format 2
        assertNull(ReplayStateCodec.decode(new byte[] {1, 0, 0, 0, 0}));
    }

    private static ReplayState randomState(Random random) {
        Map<String, BigDecimal> byPlan = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            byPlan.put(text(random), amount(random));
        }
        Set<String> paid = new java.util.HashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            paid.add(text(random));
        }
        Map<String, SubscriptionReplay.State> subs = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            subs.put(text(random), new SubscriptionReplay.State(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean(), maybe(random, text(random)), random.nextInt(), maybe(random, amount(random)),
                    maybe(random, amount(random)), maybe(random, instant(random)), maybe(random, instant(random)),
                    maybe(random, instant(random)), maybe(random, instant(random)), random.nextBoolean(), amount(random),
                    maybe(random, text(random)), new Segment(maybe(random, instant(random)), amount(random), maybe(random,
                            text(random)))));
        }
        return new ReplayState(LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000), amount(random), byPlan, random.nextBoolean(),
                paid, subs);
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextInt(3) == 0 ? null : value;
    }

    private static String text(Random random) {
        String[] words = {"", "pro", "plan-ü", "年額", "a\u0000b", "\uD83D\uDE00", "x".repeat(300)};
        return words[random.nextInt(words.length)] + random.nextInt(1000);
    }

    private static BigDecimal amount(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(12));
            case 2 -> new BigDecimal(new BigInteger(100 + random.nextInt(100), random), random.nextInt(40) - 20);
            case 3 -> BigDecimal.valueOf(Long.MIN_VALUE, -3);
            default -> BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2);
        };
    }

    private static Instant instant(Random random) {
        return Instant.ofEpochSecond(random.nextInt() * 3L, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    }
}
