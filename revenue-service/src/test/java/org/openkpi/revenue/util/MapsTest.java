package org.openkpi.revenue.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MapsTest {

    /** HashMap rehashes when its size exceeds capacity x 0.75 (capacity rounded up to a power of two). */
    @Test
    void theCapacityHoldsTheExpectedEntriesWithoutRehashing() {
        for (int expected = 0; expected <= 100_000; expected++) {
            int capacity = Integer.highestOneBit(Math.max(1, Maps.capacity(expected) - 1)) << 1;
            assertTrue(expected <= (int) (capacity * 0.75f), "expected " + expected + ", table " + capacity);
        }
    }
}
