package org.openkpi.revenue.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class FastInstantTest {

    @Test
    void agreesWithTheIsoParserOnTheSimpleShape() {
        for (String s : new String[] { "2024-03-01T09:30:00Z", "2024-02-29T23:59:59.5Z", "1999-12-31T00:00:00.123456789Z",
                "2024-03-01T09:30:00+02:00", "2024-03-01T09:30:00-05:30", "2024-10-27T01:30:00.000+01:00" }) {
            assertEquals(OffsetDateTime.parse(s).toInstant(), FastInstant.parse(s), s);
        }
    }

    @Test
    void leavesEverythingElseToTheIsoParser() {
        for (String s : new String[] { "2024-03-01T09:30Z", "2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z",
                "2024-03-01T24:00:00Z", "2024-03-01T09:30:00", "2024-03-01 09:30:00Z", "2024-03-01T09:30:00.Z",
                "2024-03-01T09:30:00.1234567890Z", "2024-03-01T09:30:00+2:00", "2024-03-01T09:30:00+19:00",
                "+2024-03-01T09:30:00Z", "2024-0a-01T09:30:00Z", "2024-03-01T09:30:00Zx", "2024-03-01T09:30:00.\u0661Z" }) {
            assertNull(FastInstant.parse(s), s);
        }
    }
}
