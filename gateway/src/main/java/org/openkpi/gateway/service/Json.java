package org.openkpi.gateway.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reading the services' answers (plain maps and lists) without casts scattered through the services. */
final class Json {

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String... path) {
        Object v = at(value, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value, String... path) {
        Object v = at(value, path);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static BigDecimal decimal(Object value, String... path) {
        Object v = at(value, path);
        if (v == null) {
            return null;
        }
        return v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    static String string(Object value, String... path) {
        Object v = at(value, path);
        return v == null ? null : v.toString();
    }

    static Boolean bool(Object value, String... path) {
        Object v = at(value, path);
        return v instanceof Boolean b ? b : null;
    }

    private static Object at(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }
}
