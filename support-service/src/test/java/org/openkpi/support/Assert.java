package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;

/** Numeric assertions on JSON values. */
final class Assert {

    private Assert() {
    }

    static void num(String expected, Object actual) {
        assertNotNull(actual, () -> "expected " + expected + " but was null");
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())),
                () -> "expected " + expected + " but was " + actual);
    }
}
