package org.openkpi.gateway.subgraph;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

/**
 * Converts between JSON text and plain Java values. Numbers keep their exact decimal value (integers become
 * {@code Long} or {@code BigDecimal} beyond its range, other numbers {@code BigDecimal}), so money passes through the
 * gateway unchanged to the cent.
 */
public final class JsonValues {

    /** Looked up once: {@code Json.createReader/createGenerator} run a ServiceLoader lookup on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonValues() {
    }

    public static Object parse(String json) {
        return toJava(read(json));
    }

    /** @return the JSON value of the text, as read */
    public static JsonValue read(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    public static Object toJava(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT: {
                JsonObject object = value.asJsonObject();
                Map<String, Object> map = new LinkedHashMap<>(Math.max(4, object.size() * 2));
                for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                    map.put(e.getKey(), toJava(e.getValue()));
                }
                return map;
            }
            case ARRAY: {
                JsonArray array = value.asJsonArray();
                List<Object> list = new ArrayList<>(array.size());
                for (JsonValue v : array) {
                    list.add(toJava(v));
                }
                return list;
            }
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER: {
                JsonNumber n = (JsonNumber) value;
                if (n.isIntegral()) {
                    BigDecimal d = n.bigDecimalValue();
                    try {
                        return d.longValueExact();
                    } catch (ArithmeticException tooBig) {
                        return d;
                    }
                }
                return n.bigDecimalValue();
            }
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** Writes a Java value (map, list, string, number, boolean, enum, date/time, null) as JSON text. */
    public static String write(Object value) {
        var out = new java.io.StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(generator, null, value);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, String name, Object value) {
        if (value == null) {
            if (name == null) g.writeNull(); else g.writeNull(name);
        } else if (value instanceof Map<?, ?> map) {
            if (name == null) g.writeStartObject(); else g.writeStartObject(name);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(g, String.valueOf(e.getKey()), e.getValue());
            }
            g.writeEnd();
        } else if (value instanceof Iterable<?> list) {
            if (name == null) g.writeStartArray(); else g.writeStartArray(name);
            for (Object v : list) {
                write(g, null, v);
            }
            g.writeEnd();
        } else if (value instanceof Boolean b) {
            if (name == null) g.write(b); else g.write(name, b);
        } else if (value instanceof BigDecimal d) {
            if (name == null) g.write(d); else g.write(name, d);
        } else if (value instanceof java.math.BigInteger i) {
            if (name == null) g.write(i); else g.write(name, i);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            if (name == null) g.write(l); else g.write(name, l);
        } else if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (name == null) g.write(d); else g.write(name, d);
        } else if (value instanceof Enum<?> e) {
            if (name == null) g.write(e.name()); else g.write(name, e.name());
        } else if (value instanceof TemporalAccessor || value instanceof CharSequence) {
            if (name == null) g.write(value.toString()); else g.write(name, value.toString());
        } else {
            if (name == null) g.write(value.toString()); else g.write(name, value.toString());
        }
    }
}
