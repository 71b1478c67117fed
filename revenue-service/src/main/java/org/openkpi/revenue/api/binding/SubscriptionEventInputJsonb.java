package org.openkpi.revenue.api.binding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;

import org.openkpi.revenue.api.model.SubscriptionEventInput;
import org.openkpi.revenue.api.model.SubscriptionEventType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * JSON-B for {@link SubscriptionEventInput} as SmallRye GraphQL uses it: {@link #toJson(Object)} of graphql-java's
 * coerced map (flat: strings, numbers, enum names and nulls), then {@link #fromJson(String, Type)} into the record.
 * Both are written out for the record's twelve fields instead of going through JSON-B's generic, reflective
 * serialisers. Anything else (another type, a nested value) goes to the default JSON-B it wraps, so the result is
 * the same as without it; only the cost differs.
 * <p>
 * SmallRye calls the two back to back on one thread, the string {@link #toJson(Object)} returned passed straight to
 * {@link #fromJson(String, Type)}. So {@link #toJson(Object)} also binds the map it writes directly, when every value
 * has the type the JSON reader would accept for its field, and keeps that record with the string, one per thread;
 * {@link #fromJson(String, Type)} given that same string instance returns the record instead of parsing the string
 * again. Any other string is parsed.
 */
final class SubscriptionEventInputJsonb implements Jsonb {

    private static final JsonFactory JSON = new JsonFactory();

    /** The event types, looked up by name per element ({@code values()} would copy the array each time). */
    private static final SubscriptionEventType[] TYPES = SubscriptionEventType.values();

    /** Per thread, the last string {@link #toJson(Object)} wrote for a map it could bind directly, and that record. */
    private static final ThreadLocal<Bound> LAST_BOUND = new ThreadLocal<>();

    private record Bound(String json, SubscriptionEventInput value) {
    }

    private final Jsonb fallback;

    SubscriptionEventInputJsonb(Jsonb fallback) {
        this.fallback = fallback;
    }

    @Override
    public String toJson(Object object) {
        if (!(object instanceof Map<?, ?> map)) {
            return fallback.toJson(object);
        }
        StringBuilder out = new StringBuilder(64 + 32 * map.size()).append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (!(entry.getKey() instanceof String key)
                    || !(value == null || value instanceof String || value instanceof BigDecimal || value instanceof Integer
                            || value instanceof Long || value instanceof Boolean || value instanceof Enum<?>)) {
                LAST_BOUND.remove();
                return fallback.toJson(object); // not the flat shape this type has
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, key);
            out.append(':');
            if (value == null) {
                out.append("null");
            } else if (value instanceof String s) {
                quote(out, s);
            } else if (value instanceof Enum<?> e) {
                quote(out, e.name());
            } else {
                out.append(value); // BigDecimal.toString is a JSON number (with an exponent where it needs one)
            }
        }
        String json = out.append('}').toString();
        SubscriptionEventInput bound = bind(map);
        if (bound == null) {
            LAST_BOUND.remove();
        } else {
            LAST_BOUND.set(new Bound(json, bound));
        }
        return json;
    }

    /**
     * The record {@link #read(String)} would give for the JSON of this flat map, or null when a value is not of the
     * type its field reads (the JSON path then decides, with its error if any).
     */
    static SubscriptionEventInput bind(Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!fits((String) entry.getKey(), entry.getValue())) {
                return null;
            }
        }
        Object type = map.get("type");
        BigDecimal discountPercent = decimal(map.get("discountPercent"));
        BigDecimal discountAmount = decimal(map.get("discountAmount"));
        if (discountPercent == null && map.get("discountPercent") != null
                || discountAmount == null && map.get("discountAmount") != null) {
            return null; // a string that is not a number: the JSON path fails on it, with its message
        }
        return new SubscriptionEventInput((String) map.get("externalId"), (String) map.get("customerId"),
                (String) map.get("subscriptionId"),
                type == null || type instanceof SubscriptionEventType ? (SubscriptionEventType) type : typeNamed(nameOf(type)),
                (String) map.get("effectiveAt"), (String) map.get("planCode"), (Integer) map.get("quantity"),
                (String) map.get("trialEndsAt"), discountPercent, discountAmount,
                (String) map.get("cancelAt"), (String) map.get("paidThrough"));
    }

    /** Whether the JSON reader would take this value, written as JSON, for this field as it is (unknown fields: yes). */
    private static boolean fits(String field, Object value) {
        if (value == null) {
            return true;
        }
        return switch (field) {
            case "externalId", "customerId", "subscriptionId", "effectiveAt", "planCode", "trialEndsAt", "cancelAt",
                    "paidThrough" -> value instanceof String;
            case "type" -> value instanceof SubscriptionEventType || typeNamed(nameOf(value)) != null;
            case "quantity" -> value instanceof Integer;
            // SmallRye's BigDecimal scalar passes a JSON string or integer through as it came
            case "discountPercent", "discountAmount" -> value instanceof BigDecimal || value instanceof String
                    || value instanceof Integer || value instanceof Long;
            default -> true;
        };
    }

    /**
     * The decimal the JSON reader gives for this value as {@link #toJson(Object)} writes it: a number as it is, a string
     * parsed as {@code new BigDecimal} parses it (null if it does not parse), an integer with scale 0.
     */
    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** What toJson writes for an enum value or a string: its name. */
    private static String nameOf(Object value) {
        return value instanceof Enum<?> e ? e.name() : value instanceof String s ? s : null;
    }

    /** The event type of that name, or null. */
    private static SubscriptionEventType typeNamed(String name) {
        if (name == null) {
            return null;
        }
        for (SubscriptionEventType t : TYPES) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** A JSON string literal: quote, backslash and control characters escaped, everything else as it is. */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        if (plain == s.length()) { // nothing to escape, as usual: one copy
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T fromJson(String str, Class<T> type) {
        return type == SubscriptionEventInput.class ? (T) bound(str) : fallback.fromJson(str, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T fromJson(String str, Type runtimeType) {
        return runtimeType == SubscriptionEventInput.class ? (T) bound(str) : fallback.fromJson(str, runtimeType);
    }

    /** The record toJson bound for this very string on this thread, if it did; otherwise the string parsed. */
    private static SubscriptionEventInput bound(String json) {
        Bound last = LAST_BOUND.get();
        if (last != null && last.json() == json) { // the same instance: the same content, bound from its map
            LAST_BOUND.remove();
            return last.value();
        }
        return read(json);
    }

    static SubscriptionEventInput read(String json) {
        String externalId = null;
        String customerId = null;
        String subscriptionId = null;
        SubscriptionEventType type = null;
        String effectiveAt = null;
        String planCode = null;
        Integer quantity = null;
        String trialEndsAt = null;
        BigDecimal discountPercent = null;
        BigDecimal discountAmount = null;
        String cancelAt = null;
        String paidThrough = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonbException("SubscriptionEventInput: expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                switch (name) {
                    case "externalId" -> externalId = text(p, token, name);
                    case "customerId" -> customerId = text(p, token, name);
                    case "subscriptionId" -> subscriptionId = text(p, token, name);
                    case "type" -> {
                        String value = text(p, token, name);
                        type = value == null ? null : SubscriptionEventType.valueOf(value);
                    }
                    case "effectiveAt" -> effectiveAt = text(p, token, name);
                    case "planCode" -> planCode = text(p, token, name);
                    case "quantity" -> quantity = token == JsonToken.VALUE_NULL ? null : integer(p, token, name);
                    case "trialEndsAt" -> trialEndsAt = text(p, token, name);
                    case "discountPercent" -> discountPercent = decimal(p, token, name);
                    case "discountAmount" -> discountAmount = decimal(p, token, name);
                    case "cancelAt" -> cancelAt = text(p, token, name);
                    case "paidThrough" -> paidThrough = text(p, token, name);
                    default -> p.skipChildren(); // not a field of the record: ignored, as JSON-B does
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new JsonbException("SubscriptionEventInput: " + e.getMessage(), e);
        }
        return new SubscriptionEventInput(externalId, customerId, subscriptionId, type, effectiveAt, planCode, quantity,
                trialEndsAt, discountPercent, discountAmount, cancelAt, paidThrough);
    }

    private static String text(JsonParser p, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw new JsonbException("SubscriptionEventInput." + field + ": expected a string, got " + token);
    }

    private static Integer integer(JsonParser p, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        throw new JsonbException("SubscriptionEventInput." + field + ": expected an integer, got " + token);
    }

    private static BigDecimal decimal(JsonParser p, JsonToken token, String field) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_STRING -> new BigDecimal(p.getText());
            default -> throw new JsonbException("SubscriptionEventInput." + field + ": expected a number, got " + token);
        };
    }

    // everything else, as the default JSON-B does it

    @Override
    public <T> T fromJson(Reader reader, Class<T> type) {
        return fallback.fromJson(reader, type);
    }

    @Override
    public <T> T fromJson(Reader reader, Type runtimeType) {
        return fallback.fromJson(reader, runtimeType);
    }

    @Override
    public <T> T fromJson(InputStream stream, Class<T> type) {
        return fallback.fromJson(stream, type);
    }

    @Override
    public <T> T fromJson(InputStream stream, Type runtimeType) {
        return fallback.fromJson(stream, runtimeType);
    }

    @Override
    public String toJson(Object object, Type runtimeType) {
        return fallback.toJson(object, runtimeType);
    }

    @Override
    public void toJson(Object object, Writer writer) {
        fallback.toJson(object, writer);
    }

    @Override
    public void toJson(Object object, Type runtimeType, Writer writer) {
        fallback.toJson(object, runtimeType, writer);
    }

    @Override
    public void toJson(Object object, OutputStream stream) {
        fallback.toJson(object, stream);
    }

    @Override
    public void toJson(Object object, Type runtimeType, OutputStream stream) {
        fallback.toJson(object, runtimeType, stream);
    }

    @Override
    public void close() {
        // the fallback is SmallRye's shared instance: not ours to close
    }
}
