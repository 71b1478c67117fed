package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Hostile and broken input against every ingestion mutation: each case gets its code and (when an element is at fault)
 * its index and field, leaks nothing internal, writes nothing of its batch (the bad element is the last one), and the
 * service keeps accepting valid batches.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class HostileInputTest {

    static final String SQL = "'); DROP TABLE nps_response; --";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String MEGABYTE = "x".repeat(1024 * 1024);

    @Inject
    AgroalDataSource db;

    /** One ingestion mutation: its document, variable, a valid element i, and how many of its facts the tenant holds. */
    record Kind(String name, String tenant, String mutation, String variable, IntFunction<Map<String, Object>> valid) {
        Gql gql() {
            return Gql.as(tenant);
        }

        JsonPath run(List<?> batch) {
            return gql().run(mutation, Map.of(variable, batch));
        }

        /** A batch of n valid elements with element n-1 changed by the given field values. */
        List<Object> lastBad(int n, Object... fieldValues) {
            List<Object> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(valid.apply(i));
            }
            Map<String, Object> bad = new HashMap<>(valid.apply(n - 1));
            for (int i = 0; i < fieldValues.length; i += 2) {
                bad.put((String) fieldValues[i], fieldValues[i + 1]);
            }
            batch.set(n - 1, bad);
            return batch;
        }
    }

    static final Kind ACTIVITY = new Kind("recordActivity", "hostile-activity",
            "mutation($e:[ActivityEventInput!]!){ recordActivity(events:$e){ accepted unchanged replaced } }", "e",
            i -> Map.of("userId", "u" + i, "customerId", "c" + i, "occurredAt", "2024-03-0" + (1 + i % 9) + "T10:00:00Z"));
    static final Kind NPS = new Kind("recordNpsResponses", "hostile-nps",
            "mutation($r:[NpsResponseInput!]!){ recordNpsResponses(responses:$r){ accepted unchanged replaced } }", "r",
            i -> Map.of("externalId", "n" + i, "respondent", "r" + i, "customerId", "c" + i, "score", i % 11,
                    "respondedAt", "2024-03-0" + (1 + i % 9) + "T10:00:00Z", "comment", "fine " + i));
    static final Kind MILESTONES = new Kind("recordOnboardingMilestones", "hostile-milestones",
            "mutation($m:[OnboardingMilestoneInput!]!){ recordOnboardingMilestones(milestones:$m){ accepted unchanged replaced } }", "m",
            i -> Map.of("externalId", "m" + i, "customerId", "c" + i, "milestone", "SIGNED_UP", "occurredAt",
                    "2024-03-0" + (1 + i % 9) + "T10:00:00Z"));
    static final Kind PURCHASES = new Kind("recordPurchases", "hostile-purchases",
            "mutation($p:[PurchaseInput!]!){ recordPurchases(purchases:$p){ accepted unchanged replaced } }", "p",
            i -> Map.of("externalId", "p" + i, "customerId", "c" + i, "purchasedAt", "2024-03-0" + (1 + i % 9) + "T10:00:00Z",
                    "amount", "10.50", "currency", "EUR"));
    static final List<Kind> KINDS = List.of(ACTIVITY, NPS, MILESTONES, PURCHASES);

    /** The number of the tenant's stored facts of this kind (read back over GraphQL). */
    static int stored(Kind k) {
        String range = "range:{from:\"1970-01-01\",to:\"2200-01-01\"}, granularity:YEAR";
        JsonPath r = switch (k.name()) {
            case "recordActivity" -> k.gql().ok("{ engagementSeries(range:{from:\"2024-01-01\",to:\"2025-01-01\"}, granularity:YEAR){ activeUsers } }");
            case "recordNpsResponses" -> k.gql().ok("{ npsSeries(" + range + "){ responses } }");
            case "recordOnboardingMilestones" -> k.gql().ok("{ timeToOnboard(" + range + "){ signedUp activated } }");
            default -> k.gql().ok("{ repeatPurchaseRate(" + range + "){ purchases } }");
        };
        Map<String, Object> data = r.getMap("data");
        List<Map<String, Object>> points = (List<Map<String, Object>>) data.values().iterator().next();
        int n = 0;
        for (Map<String, Object> p : points) {
            for (Object v : p.values()) {
                n += ((Number) v).intValue();
            }
        }
        return n;
    }

    static void expect(JsonPath r, String code, Integer index, String field) {
        assertEquals(code, r.get("errors[0].extensions.code"), r.prettify());
        if (index != null) {
            assertEquals(index, r.get("errors[0].extensions.index"), r.prettify());
        }
        if (field != null) {
            assertEquals(field, r.get("errors[0].extensions.field"), r.prettify());
        }
        String message = r.getString("errors[0].message");
        for (String leak : new String[] { "SQL", "org.", "java.", "Exception", "\tat " }) {
            assertTrue(!message.contains(leak), "leaks '" + leak + "': " + message);
        }
        assertTrue(message.length() < 1000, "message too long: " + message.length());
    }

    /** The cases every mutation shares, on the element's id-like string field {@code idField} and instant field. */
    static void common(Kind k, String idField, String instantField) {
        assertEquals(0, stored(k));
        // wrong types: a number for a string, a string for the list, an object inside the list's element
        expect(k.run(k.lastBad(3, idField, 12345)), "VALIDATION", 2, idField);
        expect(k.gql().run(k.mutation(), Map.of(k.variable(), "not a list")), "VALIDATION", null, null);
        expect(k.run(k.lastBad(3, instantField, Map.of("year", 2024))), "VALIDATION", 2, instantField);
        // batch of max + 1
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(k.valid().apply(i));
        }
        JsonPath limit = k.run(tooMany);
        expect(limit, "LIMIT_EXCEEDED", null, null);
        assertTrue(limit.getString("errors[0].message").contains("5000"), limit.prettify());
        // a 1 MB string
        expect(k.run(k.lastBad(3, idField, MEGABYTE)), "VALIDATION", 2, idField);
        // a NUL character, another C0 control character
        expect(k.run(k.lastBad(3, idField, "a\u0000b")), "VALIDATION", 2, idField);
        expect(k.run(k.lastBad(3, idField, "a\u001bb")), "VALIDATION", 2, idField);
        // dates out of range and malformed
        for (String at : new String[] { "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "2024-13-01T00:00:00Z",
                "2024-02-30T00:00:00Z", "yesterday", "2024-03-01", "" }) {
            expect(k.run(k.lastBad(3, instantField, at)), "VALIDATION", 2, instantField);
        }
        assertEquals(0, stored(k), "nothing of the refused batches is stored");
    }

    /** A valid batch is accepted after all of that. */
    static void stillServing(Kind k, int alreadyStored) {
        JsonPath ok = k.gql().ok(k.mutation(), Map.of(k.variable(), List.of(k.valid().apply(0), k.valid().apply(1))));
        assertEquals(2, (Integer) ok.get("data." + k.name() + ".accepted"), ok.prettify());
        assertEquals(alreadyStored + 2, stored(k));
    }

    static void conflict(Kind k) {
        JsonPath r = k.run(List.of(k.valid().apply(0), k.valid().apply(1), k.lastBad(1, "customerId", "someone-else").get(0)));
        expect(r, "CONFLICT", 2, "externalId");
    }

    @Test
    void activity() {
        Kind k = ACTIVITY;
        common(k, "userId", "occurredAt");
        expect(k.run(k.lastBad(3, "customerId", 7.5)), "VALIDATION", 2, "customerId");
        expect(k.run(k.lastBad(3, "customerId", "")), "VALIDATION", 2, "customerId");
        expect(k.run(k.lastBad(3, "customerId", "c".repeat(201))), "VALIDATION", 2, "customerId");
        // activity has no external id: the same user twice on a day is one (day, user) pair, not a conflict
        // (the day belongs to the customer of its first event)
        assertEquals(0, stored(k));
        // fragments are kept verbatim (the customer's id here)
        JsonPath ok = k.gql().ok(k.mutation(), Map.of("e", List.of(Map.of("userId", SCRIPT, "customerId", SQL, "occurredAt",
                "2024-03-05T10:00:00Z"))));
        assertEquals(1, (Integer) ok.get("data.recordActivity.accepted"));
        JsonPath c = k.gql().ok("query($c:String!){ customerRetention(customerId:$c, asOf:\"2024-03-10\"){ customerId activity{ lastActiveDay activeUsersLast30 } } }",
                Map.of("c", SQL));
        assertEquals(SQL, c.get("data.customerRetention.customerId"));
        assertEquals("2024-03-05", c.get("data.customerRetention.activity.lastActiveDay"));
        stillServing(k, 1);
    }

    @Test
    void npsResponses() {
        Kind k = NPS;
        common(k, "externalId", "respondedAt");
        for (Object score : new Object[] { -1, 11, 1_000_000, "NaN", "Infinity", "ten", true, 7.5, "7.5" }) {
            expect(k.run(k.lastBad(3, "score", score)), "VALIDATION", 2, "score");
        }
        expect(k.run(k.lastBad(3, "comment", MEGABYTE)), "VALIDATION", 2, "comment");
        expect(k.run(k.lastBad(3, "comment", "x".repeat(10_001))), "VALIDATION", 2, "comment");
        expect(k.run(k.lastBad(3, "comment", "nul\u0000")), "VALIDATION", 2, "comment");
        expect(k.run(k.lastBad(3, "respondent", "r".repeat(201))), "VALIDATION", 2, "respondent");
        expect(k.run(k.lastBad(3, "customerId", "c".repeat(201))), "VALIDATION", 2, "customerId");
        conflict(k);
        assertEquals(0, stored(k));
        // fragments, tabs and new lines are stored and returned verbatim; 10,000 characters of comment are fine
        String comment = SQL + "\n\t" + SCRIPT + "x".repeat(10_000 - SQL.length() - SCRIPT.length() - 2);
        JsonPath ok = k.gql().ok(k.mutation(), Map.of("r", List.of(Map.of("externalId", SQL, "respondent", SCRIPT, "customerId", "frag",
                "score", 3, "respondedAt", "2024-03-05T10:00:00Z", "comment", comment))));
        assertEquals(1, (Integer) ok.get("data.recordNpsResponses.accepted"));
        JsonPath c = k.gql().ok("{ customerRetention(customerId:\"frag\", asOf:\"2024-03-10\"){ npsResponses{ externalId respondent comment } } }");
        assertEquals(SQL, c.get("data.customerRetention.npsResponses[0].externalId"));
        assertEquals(SCRIPT, c.get("data.customerRetention.npsResponses[0].respondent"));
        assertEquals(comment, c.get("data.customerRetention.npsResponses[0].comment"));
        stillServing(k, 1);
    }

    @Test
    void onboardingMilestones() {
        Kind k = MILESTONES;
        common(k, "externalId", "occurredAt");
        expect(k.run(k.lastBad(3, "milestone", "FINISHED")), "VALIDATION", 2, "milestone");
        expect(k.run(k.lastBad(3, "milestone", 1)), "VALIDATION", 2, "milestone");
        expect(k.run(k.lastBad(3, "customerId", "c\u0000")), "VALIDATION", 2, "customerId");
        conflict(k);
        assertEquals(0, stored(k));
        JsonPath ok = k.gql().ok(k.mutation(), Map.of("m", List.of(Map.of("externalId", SCRIPT, "customerId", SQL, "milestone", "SIGNED_UP",
                "occurredAt", "2024-03-05T10:00:00Z"))));
        assertEquals(1, (Integer) ok.get("data.recordOnboardingMilestones.accepted"));
        JsonPath c = k.gql().ok("query($c:String!){ customerRetention(customerId:$c, asOf:\"2024-03-10\"){ customerId signedUpAt } }", Map.of("c", SQL));
        assertEquals(SQL, c.get("data.customerRetention.customerId"));
        assertEquals("2024-03-05T10:00:00Z", c.get("data.customerRetention.signedUpAt"));
        stillServing(k, 1);
    }

    @Test
    void purchases() throws Exception {
        Kind k = PURCHASES;
        common(k, "externalId", "purchasedAt");
        for (Object amount : new Object[] { "-5", -5, 0, "0", "10000000000000", 1e13, "1e20", "0.0000001", "NaN", "Infinity", "-Infinity",
                "ten", true }) {
            expect(k.run(k.lastBad(3, "amount", amount)), "VALIDATION", 2, "amount");
        }
        for (Object currency : new Object[] { "EURO", "eur", "XYZ", "E\u0000R", 978 }) {
            expect(k.run(k.lastBad(3, "currency", currency)), "VALIDATION", 2, "currency");
        }
        conflict(k);
        assertEquals(0, stored(k));
        // the largest amount allowed, 6 decimals, trailing zeros beyond them; fragments kept verbatim
        JsonPath ok = k.gql().ok(k.mutation(), Map.of("p", List.of(
                Map.of("externalId", SQL, "customerId", SCRIPT, "purchasedAt", "2024-03-05T10:00:00Z", "amount", "9999999999999.999999", "currency", "EUR"),
                Map.of("externalId", "small", "customerId", SCRIPT, "purchasedAt", "2024-03-06T10:00:00Z", "amount", "0.1000000", "currency", "EUR"))));
        assertEquals(2, (Integer) ok.get("data.recordPurchases.accepted"), ok.prettify());
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "SELECT external_id, customer_id, amount FROM purchase WHERE tenant_id = ? ORDER BY purchased_at")) {
            s.setString(1, k.tenant());
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(SQL, rs.getString(1));
                assertEquals(SCRIPT, rs.getString(2));
                assertEquals(0, new BigDecimal("9999999999999.999999").compareTo(rs.getBigDecimal(3)));
                assertTrue(rs.next());
                assertEquals(0, new BigDecimal("0.1").compareTo(rs.getBigDecimal(3)));
            }
        }
        stillServing(k, 2);
    }
}
