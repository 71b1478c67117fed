package org.openkpi.revenue.api.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.api.model.SubscriptionEventInput;
import org.openkpi.revenue.api.model.SubscriptionEventType;

/**
 * The fast binding gives the record JSON-B itself gives, for the maps graphql-java hands SmallRye: every field, nulls,
 * strings that need escaping, and decimals whose scale or exponent must survive.
 */
class SubscriptionEventInputJsonbTest {

    private final Jsonb yasson = JsonbBuilder.create();
    private final SubscriptionEventInputJsonb fast = new SubscriptionEventInputJsonb(yasson);

    private static Map<String, Object> full() {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", "evt-1");
        m.put("customerId", "cus-1");
        m.put("subscriptionId", "sub-1");
        m.put("type", "DISCOUNT_APPLIED");
        m.put("effectiveAt", "2024-03-01T00:00:00Z");
        m.put("planCode", "pro");
        m.put("quantity", 3);
        m.put("trialEndsAt", "2024-03-15T00:00:00+01:00");
        m.put("discountPercent", new BigDecimal("12.50"));
        m.put("discountAmount", new BigDecimal("1E+3"));
        m.put("cancelAt", "2024-12-31T23:59:59Z");
        m.put("paidThrough", "2024-04-01T00:00:00Z");
        return m;
    }

    /** As SmallRye calls it: the string toJson returned, passed on as it is (the record bound from the map). */
    private SubscriptionEventInput viaFast(Map<String, Object> m) {
        SubscriptionEventInput bound = fast.fromJson(fast.toJson(m), SubscriptionEventInput.class);
        // the same JSON in another string instance is parsed, and must give the same record
        assertEquals(bound, fast.fromJson(new String(fast.toJson(m)), SubscriptionEventInput.class), "parsed JSON of " + m);
        return bound;
    }

    private SubscriptionEventInput viaYasson(Map<String, Object> m) {
        return yasson.fromJson(yasson.toJson(m), SubscriptionEventInput.class);
    }

    @Test
    void everyFieldAsJsonbBindsIt() {
        Map<String, Object> m = full();
        SubscriptionEventInput expected = new SubscriptionEventInput("evt-1", "cus-1", "sub-1", SubscriptionEventType.DISCOUNT_APPLIED,
                "2024-03-01T00:00:00Z", "pro", 3, "2024-03-15T00:00:00+01:00", new BigDecimal("12.50"), new BigDecimal("1E+3"),
                "2024-12-31T23:59:59Z", "2024-04-01T00:00:00Z");
        assertEquals(expected, viaFast(m));
        assertEquals(viaYasson(m), viaFast(m));
        // the scale is kept, not only the value (BigDecimal.equals compares both)
        assertEquals(2, viaFast(m).discountPercent().scale());
        assertEquals(-3, viaFast(m).discountAmount().scale());
    }

    @Test
    void nullsAndMissingFieldsAreNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("externalId", "e");
        m.put("customerId", "c");
        m.put("subscriptionId", "s");
        m.put("type", SubscriptionEventType.CANCELLED); // an enum value rather than its name
        m.put("effectiveAt", "2024-01-01T00:00:00Z");
        m.put("planCode", null);
        m.put("quantity", null);
        m.put("discountPercent", null);
        SubscriptionEventInput expected = new SubscriptionEventInput("e", "c", "s", SubscriptionEventType.CANCELLED,
                "2024-01-01T00:00:00Z", null, null, null, null, null, null, null);
        assertEquals(expected, viaFast(m));
        assertEquals(viaYasson(m), viaFast(m));
    }

    @Test
    void stringsThatNeedEscapingRoundTrip() {
        for (String s : List.of("quote \" backslash \\ slash /", "tab\tnewline\ncr\r", "nul \u0000 bell \u0007 unit \u001f",
                "é ü 中文 😀", "\u2028\u2029", "", " ", "{\"a\":1}", "\\u0041")) {
            Map<String, Object> m = full();
            m.put("externalId", s);
            m.put("planCode", s);
            assertEquals(s, viaFast(m).externalId(), () -> "externalId " + s);
            assertEquals(s, viaFast(m).planCode());
            assertEquals(viaYasson(m), viaFast(m));
        }
    }

    @Test
    void decimalsKeepValueAndScale() {
        for (String d : List.of("0", "0.0001", "100", "100.00", "99.999999", "1E+2", "1.5E-7", "-5", "12345678901234567890.123")) {
            Map<String, Object> m = full();
            m.put("discountAmount", new BigDecimal(d));
            BigDecimal bound = viaFast(m).discountAmount();
            assertEquals(new BigDecimal(d), bound, d);
            assertEquals(0, viaYasson(m).discountAmount().compareTo(bound), d);
        }
        // a decimal given as a JSON string (a DefaultValue, say) is read too
        assertEquals(new BigDecimal("7.25"), fast.fromJson("{\"discountPercent\":\"7.25\"}", SubscriptionEventInput.class)
                .discountPercent());
    }

    @Test
    void decimalsGivenAsStringsOrIntegersAreBoundDirectlyToWhatTheJsonGives() {
        // SmallRye's BigDecimal scalar hands a JSON string or integer on as it came (the benchmark and most clients
        // send amounts as strings): those maps are bound without writing and parsing their JSON
        for (Object d : List.of("12.5", "100.00", "1E+3", "-0.01", 20, 7L, 0)) {
            Map<String, Object> m = full();
            m.put("discountPercent", d);
            m.put("discountAmount", d);
            SubscriptionEventInput bound = SubscriptionEventInputJsonb.bind(m);
            assertNotNull(bound, "not bound: " + d);
            SubscriptionEventInput parsed = SubscriptionEventInputJsonb.read(fast.toJson(m));
            assertEquals(parsed, bound, "" + d);
            assertEquals(new BigDecimal(d.toString()), bound.discountPercent(), "" + d); // value and scale
            assertEquals(parsed, viaFast(m));
        }
        // a string that is not a number is left to the JSON path, which fails on it
        for (String notANumber : List.of("12,5", "", " 3", "ten")) {
            Map<String, Object> m = full();
            m.put("discountAmount", notANumber);
            assertNull(SubscriptionEventInputJsonb.bind(m), notANumber);
            assertThrows(JsonbException.class, () -> fast.fromJson(fast.toJson(m), SubscriptionEventInput.class), notANumber);
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndOtherShapesGoToJsonb() {
        SubscriptionEventInput bound = fast.fromJson("{\"externalId\":\"e\",\"extra\":{\"nested\":[1,2,{\"x\":null}]},"
                + "\"quantity\":2}", SubscriptionEventInput.class);
        assertEquals("e", bound.externalId());
        assertEquals(2, bound.quantity());
        // a nested value is not this type's shape: the default JSON-B writes it
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, 2));
        assertEquals(yasson.toJson(nested), fast.toJson(nested));
        // another type is not bound here at all
        assertEquals(yasson.fromJson("[1,2]", List.class), fast.fromJson("[1,2]", List.class));
    }

    @Test
    void theMapIsBoundDirectlyOnlyForTheStringWrittenFromIt() {
        Map<String, Object> m = full();
        String json = fast.toJson(m);
        assertEquals(SubscriptionEventInputJsonb.bind(m), fast.fromJson(json, SubscriptionEventInput.class));
        // another map written since: its record, not the first one's
        m.put("externalId", "evt-2");
        String second = fast.toJson(m);
        assertEquals("evt-1", fast.fromJson(json, SubscriptionEventInput.class).externalId());
        assertEquals("evt-2", fast.fromJson(second, SubscriptionEventInput.class).externalId());
        // values of another type than the field reads are not bound directly: the JSON decides, with its error
        for (Object wrong : List.of(Boolean.TRUE, 5L, new BigDecimal("3"), "NOT_A_TYPE")) {
            Map<String, Object> bad = full();
            bad.put(wrong instanceof String ? "type" : "quantity", wrong);
            assertEquals(null, SubscriptionEventInputJsonb.bind(bad), "bound " + wrong);
        }
        Map<String, Object> longQuantity = full();
        longQuantity.put("quantity", 7L);
        assertEquals(7, fast.fromJson(fast.toJson(longQuantity), SubscriptionEventInput.class).quantity());
        Map<String, Object> textQuantity = full();
        textQuantity.put("quantity", "7");
        assertThrows(JsonbException.class, () -> fast.fromJson(fast.toJson(textQuantity), SubscriptionEventInput.class));
        Map<String, Object> unknownType = full();
        unknownType.put("type", "NOT_A_TYPE");
        assertThrows(JsonbException.class, () -> fast.fromJson(fast.toJson(unknownType), SubscriptionEventInput.class));
    }

    @Test
    void wrongTokensAreJsonbErrors() {
        assertThrows(JsonbException.class, () -> fast.fromJson("[]", SubscriptionEventInput.class));
        assertThrows(JsonbException.class, () -> fast.fromJson("{\"quantity\":\"3\"}", SubscriptionEventInput.class));
        assertThrows(JsonbException.class, () -> fast.fromJson("{\"externalId\":5}", SubscriptionEventInput.class));
        assertThrows(JsonbException.class, () -> fast.fromJson("{\"type\":\"NOT_A_TYPE\"}", SubscriptionEventInput.class));
        assertThrows(JsonbException.class, () -> fast.fromJson("{\"externalId\":", SubscriptionEventInput.class));
    }
}
