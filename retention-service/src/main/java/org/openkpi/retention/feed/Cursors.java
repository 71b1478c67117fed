package org.openkpi.retention.feed;

import java.util.Comparator;

/**
 * Order of feed cursors. They are opaque but increasing; revenue-service's are decimal sequence numbers
 * without leading zeros, so a shorter cursor is an earlier one and equal lengths compare as text.
 */
public final class Cursors {

    public static final Comparator<String> ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private Cursors() {
    }

    /** Whether {@code cursor} is at or before {@code stored} (false when nothing is stored yet). */
    public static boolean atOrBefore(String cursor, String stored) {
        return stored != null && ORDER.compare(cursor, stored) <= 0;
    }
}
