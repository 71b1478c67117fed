package org.openkpi.revenue.util;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;

/**
 * Hash maps and sets sized for the number of entries they will hold, so that filling them never rehashes (Java 19's
 * {@code HashMap.newHashMap}, for release 17). A write batch keys several maps by its few thousand customers; grown from
 * the default capacity, each would rehash nine times.
 */
public final class Maps {

    private Maps() {
    }

    /** The capacity at which {@code expected} entries stay within the default load factor (0.75). */
    static int capacity(int expected) {
        return expected < 3 ? 4 : (int) Math.ceil(expected / 0.75);
    }

    public static <K, V> HashMap<K, V> hashMap(int expected) {
        return new HashMap<>(capacity(expected));
    }

    public static <K, V> LinkedHashMap<K, V> linkedHashMap(int expected) {
        return new LinkedHashMap<>(capacity(expected));
    }

    public static <E> HashSet<E> hashSet(int expected) {
        return new HashSet<>(capacity(expected));
    }
}
