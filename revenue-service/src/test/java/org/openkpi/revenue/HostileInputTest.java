package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A corpus of hostile and broken input against every ingestion mutation: each is refused with the right code, index
 * and field, without internals in the message, writes nothing of the batch, and the service keeps serving.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    private static final String TENANT = "hostile";
    private static final String MB = "x".repeat(1024 * 1024);
    private static final String SQL = "'); DROP TABLE plan; --";
    private static final String SCRIPT = "<script>alert(1)</script>";

    enum DateKind { INSTANT, DATE }

    /** One ingestion mutation: how to build a valid element n, which fields to attack, how to see what is stored. */
    record Spec(String mutation, String inputType, String arg, String idField, IntFunction<Map<String, Object>> valid,
            String textField, String amountField, String dateField, DateKind dateKind, String enumField,
            ToIntFunction<Gql> stored) {

        String document() {
            return "mutation($x:[" + inputType + "!]!){ " + mutation + "(" + arg + ":$x){ accepted unchanged replaced } }";
        }

        Map<String, Object> element(int n, Object... overrides) {
            Map<String, Object> e = new HashMap<>(valid.apply(n));
            for (int i = 0; i < overrides.length; i += 2) {
                e.put((String) overrides[i], overrides[i + 1]);
            }
            return e;
        }
    }

    private static final Gql T = Gql.as(TENANT);

    private static String instant(int n) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * n).toString();
    }

    private static int count(JsonPath r, String path) {
        List<?> l = r.getList(path);
        return l == null ? 0 : l.size();
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("recordPlans", "PlanInput", "plans", "code",
                    n -> Map.of("code", "hp" + n, "name", "Plan " + n, "price", "10", "currency", "USD", "intervalMonths", 1),
                    "name", "price", null, null, null,
                    t -> (int) t.ok("{ plans { code } }").getList("data.plans.code", String.class).stream()
                            .filter(c -> c.startsWith("hp")).count()),
            new Spec("recordCustomers", "CustomerInput", "customers", "externalId",
                    n -> Map.of("externalId", "hc" + n, "name", "Customer " + n, "country", "US"),
                    "name", null, null, null, null,
                    t -> (t.ok("{ customer(id:\"hc0\"){ id } }").get("data.customer") == null ? 0 : 1)
                            + (t.ok("{ customer(id:\"hc1\"){ id } }").get("data.customer") == null ? 0 : 1)),
            new Spec("recordSubscriptionEvents", "SubscriptionEventInput", "events", "externalId",
                    n -> Map.of("externalId", "he" + n, "customerId", "cust", "subscriptionId", "hs" + n, "type", "STARTED",
                            "effectiveAt", instant(n), "planCode", "p0"),
                    "subscriptionId", "discountAmount", "effectiveAt", DateKind.INSTANT, "type",
                    t -> count(t.ok("{ customerMrrHistory(customerId:\"cust\"){ movements{ kind } } }"),
                            "data.customerMrrHistory.movements")),
            new Spec("recordCharges", "ChargeInput", "charges", "externalId",
                    n -> Map.of("externalId", "hch" + n, "customerId", "cust", "kind", "CHARGE", "occurredAt",
                            Instant.parse("2024-02-01T00:00:00Z").plusSeconds(60L * n).toString(), "amount", "5", "currency",
                            "USD", "description", "charge " + n),
                    "description", "amount", "occurredAt", DateKind.INSTANT, "kind",
                    t -> new BigDecimal(t.ok("{ financials(range:{from:\"2024-02-01\",to:\"2024-03-01\"},granularity:MONTH)"
                            + "{ oneOffCharges{amount} } }").get("data.financials[0].oneOffCharges.amount").toString()).intValue()),
            new Spec("recordCosts", "CostInput", "costs", "externalId",
                    n -> Map.of("externalId", "hco" + n, "kind", "COGS", "category", "cat" + n, "date", "2024-03-01",
                            "amount", "7", "currency", "USD"),
                    "category", "amount", "date", DateKind.DATE, "kind",
                    t -> new BigDecimal(t.ok("{ financials(range:{from:\"2024-03-01\",to:\"2024-04-01\"},granularity:MONTH)"
                            + "{ cogs{amount} } }").get("data.financials[0].cogs.amount").toString()).intValue()),
            new Spec("recordFxRates", "FxRateInput", "rates", "date",
                    n -> Map.of("currency", "EUR", "date", LocalDate.of(2030, 1, 1).plusDays(n).toString(), "rate", "1.1"),
                    "currency", "rate", "date", DateKind.DATE, null,
                    // a EUR charge in 2030 converts only if one of these rates is stored
                    t -> {
                        JsonPath r = t.run("mutation($x:[ChargeInput!]!){ recordCharges(charges:$x){ accepted } }",
                                Map.of("x", list(Map.of("externalId", "fx-probe", "customerId", "cust", "kind", "CHARGE",
                                        "occurredAt", "2030-06-01T00:00:00Z", "amount", "1", "currency", "EUR"))));
                        return r.get("errors") == null ? 1 : 0;
                    }));

    private static boolean seeded;

    /** In the test, not in a static @BeforeAll: that runs before the application is up. */
    private static synchronized void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        T.plans(list(Gql.plan("p0", "10", "USD", 1)));
        T.customers(list(Gql.customer("cust", "US", null, null)));
    }

    private static JsonPath send(Spec s, Object batch) {
        return T.run(s.document(), Map.of("x", batch));
    }

    private static void refused(Spec s, String what, JsonPath r, String code, Integer index, String field) {
        String where = s.mutation() + " / " + what + ": " + r.prettify();
        assertEquals(code, r.get("errors[0].extensions.code"), where);
        if (index != null) {
            assertEquals(index, (Integer) r.get("errors[0].extensions.index"), where);
        }
        if (field != null) {
            assertEquals(field, r.get("errors[0].extensions.field"), where);
        }
        assertNull(r.get("data." + s.mutation()), where);
        String message = r.get("errors[0].message");
        for (String leak : List.of("SQL", "org.", "java.", "Exception", "\tat ")) {
            assertFalse(message.contains(leak), () -> where + " leaks " + leak);
        }
        assertTrue(message.length() < 500, where);
    }

    /** [valid 0, bad 1]: refused naming element 1. */
    private static void badSecond(Spec s, String what, String code, String field, Object... overrides) {
        refused(s, what, send(s, list(s.element(0), s.element(1, overrides))), code, 1, field);
    }

    @Test
    void everyIngestionMutationRefusesHostileInputAndWritesNothing() {
        seed();
        for (Spec s : SPECS) {
            assertEquals(0, s.stored().applyAsInt(T), s.mutation());

            // wrong types
            badSecond(s, "number for a string", "VALIDATION", s.idField().equals("date") ? "date" : s.idField(), s.idField(), 42);
            if (s.amountField() != null) {
                badSecond(s, "string for a number", "VALIDATION", s.amountField(), s.amountField(), "abc");
                badSecond(s, "object for a number", "VALIDATION", s.amountField(), s.amountField(), Map.of("a", 1));
            }
            refused(s, "object for a list", send(s, Map.of("0", s.element(0))), "VALIDATION", null, null);
            refused(s, "list of numbers", send(s, list(1, 2)), "VALIDATION", 0, null);

            // batch size
            List<Map<String, Object>> tooMany = new ArrayList<>();
            for (int i = 0; i <= 5000; i++) {
                tooMany.add(s.element(i));
            }
            JsonPath big = send(s, tooMany);
            refused(s, "5001 elements", big, "LIMIT_EXCEEDED", null, null);
            assertTrue(big.getString("errors[0].message").contains("5000"), big::prettify);

            // strings
            String stringField = s.idField().equals("date") ? "currency" : s.idField();
            badSecond(s, "1 MB id", "VALIDATION", stringField, stringField, MB);
            badSecond(s, "201-char id", "VALIDATION", stringField, stringField, "i".repeat(201));
            badSecond(s, "NUL", "VALIDATION", s.textField(), s.textField(), "a\u0000b");
            badSecond(s, "bell", "VALIDATION", s.textField(), s.textField(), "a\u0007b");
            int textLimit = s.textField().equals("description") ? 10_000 : 200;
            badSecond(s, "text over its limit", "VALIDATION", s.textField(), s.textField(), "t".repeat(textLimit + 1));

            // amounts
            if (s.amountField() != null) {
                String tooPrecise = s.amountField().equals("rate") ? "1.0000000000001" : "1.0000001";
                for (String amount : List.of("-1", "10000000000000", tooPrecise, "NaN", "Infinity")) {
                    badSecond(s, "amount " + amount, "VALIDATION", s.amountField(), s.amountField(), amount);
                }
            }
            // dates
            if (s.dateField() != null) {
                List<String> dates = s.dateKind() == DateKind.INSTANT
                        ? List.of("1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-01")
                        : List.of("1969-12-31", "2200-01-01", "2024-02-30", "yesterday");
                for (String date : dates) {
                    badSecond(s, "date " + date, "VALIDATION", s.dateField(), s.dateField(), date);
                }
            }
            // enums
            if (s.enumField() != null) {
                badSecond(s, "unknown enum", "VALIDATION", s.enumField(), s.enumField(), "EXPLODED");
            }
            // the same identity twice with different content
            String changed = s.amountField() != null ? s.amountField() : s.textField();
            refused(s, "conflict", send(s, list(s.element(0), s.element(0, changed, s.amountField() != null ? "3" : "other"))),
                    "CONFLICT", 1, s.idField());

            assertEquals(0, s.stored().applyAsInt(T), s.mutation() + ": nothing of a refused batch is stored");
            JsonPath ok = T.ok(s.document(), Map.of("x", list(s.element(0), s.element(1))));
            assertEquals(2, (Integer) ok.get("data." + s.mutation() + ".accepted"), s.mutation());
            assertTrue(s.stored().applyAsInt(T) > 0, s.mutation());
        }
    }

    @Test
    void sqlAndScriptFragmentsAreStoredAndReturnedVerbatim() {
        Gql t = Gql.as("hostile-text");
        String sql = SQL;
        String script = SCRIPT;
        String longText = "\t" + "€".repeat(9_998) + "\n";
        t.ok("mutation($x:[PlanInput!]!){ recordPlans(plans:$x){ accepted } }", Map.of("x", list(Map.of("code", sql,
                "name", script, "price", "9999999999999.999999", "currency", "USD", "intervalMonths", 1, "tier", sql))));
        t.ok("mutation($x:[CustomerInput!]!){ recordCustomers(customers:$x){ accepted } }", Map.of("x", list(Map.of(
                "externalId", script, "name", sql, "segment", script, "channel", "ads\"--"))));
        t.ok("mutation($x:[CostInput!]!){ recordCosts(costs:$x){ accepted } }", Map.of("x", list(Map.of("externalId", sql,
                "kind", "COGS", "category", script, "date", "1970-01-01", "amount", "0.000001", "currency", "USD"))));
        Map<String, Object> charge = Map.of("externalId", sql, "customerId", script, "kind", "REFUND", "occurredAt",
                "2199-12-31T23:59:59Z", "amount", "1", "currency", "USD", "description", longText);
        assertEquals(1, (Integer) t.ok("mutation($x:[ChargeInput!]!){ recordCharges(charges:$x){ accepted } }",
                Map.of("x", list(charge))).get("data.recordCharges.accepted"));
        assertEquals(1, (Integer) t.ok("mutation($x:[ChargeInput!]!){ recordCharges(charges:$x){ unchanged } }",
                Map.of("x", list(charge))).get("data.recordCharges.unchanged"), "the stored text hashes as sent");

        JsonPath plans = t.ok("{ plans { code name tier price{amount} } }");
        assertEquals(sql, plans.get("data.plans[0].code"));
        assertEquals(script, plans.get("data.plans[0].name"));
        assertEquals(sql, plans.get("data.plans[0].tier"));
        JsonPath customer = t.ok("query($id:String!){ customerMrrHistory(customerId:$id){ customerId name segment channel } }",
                Map.of("id", script));
        assertEquals(script, customer.get("data.customerMrrHistory.customerId"));
        assertEquals(sql, customer.get("data.customerMrrHistory.name"));
        assertEquals(script, customer.get("data.customerMrrHistory.segment"));
        assertEquals("ads\"--", customer.get("data.customerMrrHistory.channel"));
        JsonPath costs = t.ok("{ financials(range:{from:\"1970-01-01\",to:\"1970-02-01\"},granularity:MONTH){ cogsByCategory{ category } } }");
        assertEquals(script, costs.get("data.financials[0].cogsByCategory[0].category"));
        // the tables are all there: another tenant still works
        assertEquals("USD", T.ok("{ revenueSettings { reportingCurrency } }").get("data.revenueSettings.reportingCurrency"));
    }

    @Test
    void freeTextUpTo10000CharactersAndNulInQueryArguments() {
        Gql t = Gql.as("hostile-limits");
        t.customers(list(Gql.customer("c", "US", null, null)));
        Map<String, Object> charge = new HashMap<>(Map.of("externalId", "ch", "customerId", "c", "kind", "CHARGE", "occurredAt",
                "2024-01-01T00:00:00Z", "amount", "1", "currency", "USD", "description", "d".repeat(10_000)));
        t.ok("mutation($x:[ChargeInput!]!){ recordCharges(charges:$x){ accepted } }", Map.of("x", list(charge)));
        charge.put("description", "d".repeat(10_001));
        JsonPath r = t.run("mutation($x:[ChargeInput!]!){ recordCharges(charges:$x){ accepted } }", Map.of("x", list(charge)));
        assertEquals("VALIDATION", r.get("errors[0].extensions.code"));
        assertEquals("description", r.get("errors[0].extensions.field"));
        // a NUL in a query argument is the client's error too, never an incident
        JsonPath nul = t.run("query($id:String!){ customerMrrHistory(customerId:$id){ customerId } }", Map.of("id", "a\u0000b"));
        assertEquals("VALIDATION", nul.get("errors[0].extensions.code"), nul::prettify);
        assertAmount("0", t.ok("{ financials(range:{from:\"2024-01-01\",to:\"2024-02-01\"},granularity:MONTH){ refunds{amount} } }")
                .get("data.financials[0].refunds.amount"));
    }
}
