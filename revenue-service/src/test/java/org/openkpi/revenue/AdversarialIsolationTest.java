package org.openkpi.revenue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/**
 * Tenant B, holding every role, tries every root field of the schema against tenant A's data: guessed and known ids,
 * A's filter values, A's cursors, A's customer ids in _entities, A's external ids in every mutation, settings. Nothing
 * of A is returned and nothing of A changes. The set of root fields is read from the live schema, so a new operation
 * without a case here fails the test.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AdversarialIsolationTest {

    private static final Set<String> COVERED_QUERIES = Set.of("customer", "_entities", "_service", "mrrSeries", "upsellRate",
            "mrrMovements", "planMix", "financials", "customerMrrHistory", "changeFeed", "revenueSettings", "plans");
    private static final Set<String> COVERED_MUTATIONS = Set.of("recordPlans", "recordCustomers", "recordSubscriptionEvents",
            "recordCharges", "recordCosts", "recordFxRates", "updateRevenueSettings");

    private static final String A_FILTER = "filter:{plans:[\"basic\"],countries:[\"US\"],segments:[\"SMB\"],channels:[\"ads\"]}";
    private static final String RANGE = "range:{from:\"2024-01-01\",to:\"2024-04-01\"}";

    @Test
    void theCasesCoverEveryRootFieldOfTheLiveSchema() {
        // two documents: graphql-java's good-faith introspection check refuses __Type.fields twice in one
        Gql t = Gql.as("adv-schema");
        JsonPath queries = t.ok("{ __schema { queryType { fields { name } } } }");
        JsonPath mutations = t.ok("{ __schema { mutationType { fields { name } } } }");
        assertEquals(COVERED_QUERIES, new HashSet<>(queries.getList("data.__schema.queryType.fields.name", String.class)));
        assertEquals(COVERED_MUTATIONS, new HashSet<>(mutations.getList("data.__schema.mutationType.fields.name", String.class)));
        JsonPath both = t.run("{ __schema { queryType { fields { name } } mutationType { fields { name } } } }", null);
        assertEquals("LIMIT_EXCEEDED", both.get("errors[0].extensions.code"), both::prettify);
    }

    @Test
    void tenantBWithEveryRoleGetsNothingOfAAndChangesNothingOfA() {
        Gql a = Gql.as("adv-a");
        Ops.seed(a);
        a.ok("mutation{ updateRevenueSettings(settings:{timeZone:\"Europe/Berlin\",dunningDays:5}){ timeZone } }");
        String before = a.ok(Ops.SNAPSHOT).prettify();
        String aFeedCursor = a.ok("{ changeFeed{ entries{ cursor } } }").get("data.changeFeed.entries[0].cursor");
        String aMovementCursor = a.ok("{ mrrMovements(" + RANGE + "){ edges{ cursor } } }").get("data.mrrMovements.edges[0].cursor");
        assertTrue(aFeedCursor != null && aMovementCursor != null);

        Gql b = Gql.withToken(Tokens.forTenant("adv-b", Tokens.VIEWER, Tokens.WRITER, Tokens.ADMIN, Tokens.SERVICE),
                Map.of("X-Kpi-Tenant", "adv-a"));
        Set<String> queried = new HashSet<>();

        // queries
        queried.add("customer");
        assertNull(b.ok("{ customer(id:\"c1\"){ id } }").get("data.customer"));
        queried.add("_entities");
        JsonPath entities = b.ok("{ _entities(representations:[{__typename:\"Customer\",id:\"c1\"}]){ ... on Customer { id revenue { mrr{amount} movements{ kind } } } } }");
        assertNull(entities.get("data._entities[0].revenue"), entities::prettify);
        queried.add("_service");
        String sdl = b.ok("{ _service { sdl } }").get("data._service.sdl");
        assertFalse(sdl.contains("adv-a"));
        queried.add("mrrSeries");
        for (String args : List.of(RANGE + ",granularity:MONTH", RANGE + ",granularity:MONTH," + A_FILTER)) {
            JsonPath series = b.ok("{ mrrSeries(" + args + "){ mrrEnd{amount} payingCustomersEnd newMrr{amount} } }");
            for (int i = 0; i < 3; i++) {
                assertAmount("0", series.get("data.mrrSeries[" + i + "].mrrEnd.amount"));
                assertAmount("0", series.get("data.mrrSeries[" + i + "].newMrr.amount"));
                assertEquals(0, (Integer) series.get("data.mrrSeries[" + i + "].payingCustomersEnd"));
            }
        }
        for (String by : List.of("PLAN", "COUNTRY", "SEGMENT", "CHANNEL")) {
            assertTrue(b.ok("{ mrrSeries(" + RANGE + ",granularity:MONTH,groupBy:" + by + "," + A_FILTER + "){ group } }")
                    .getList("data.mrrSeries").isEmpty(), by);
        }
        queried.add("upsellRate");
        JsonPath upsell = b.ok("{ upsellRate(" + RANGE + ",granularity:MONTH," + A_FILTER + "){ expansionCustomers payingCustomersStart } }");
        upsell.getList("data.upsellRate.payingCustomersStart", Integer.class).forEach(n -> assertEquals(0, n));
        assertTrue(b.ok("{ upsellRate(" + RANGE + ",granularity:MONTH,groupBy:PLAN){ group } }").getList("data.upsellRate").isEmpty());
        queried.add("mrrMovements");
        for (String args : List.of(RANGE, RANGE + ",customerId:\"c1\"", RANGE + "," + A_FILTER,
                RANGE + ",after:\"" + aMovementCursor + "\"", "range:{from:\"1970-01-01\",to:\"2199-01-01\"},kinds:[NEW]")) {
            assertTrue(b.ok("{ mrrMovements(" + args + "){ edges{ cursor } } }").getList("data.mrrMovements.edges").isEmpty(), args);
        }
        queried.add("planMix");
        assertTrue(b.ok("{ planMix(asOf:\"2024-01-31\"){ planCode } }").getList("data.planMix").isEmpty());
        queried.add("financials");
        JsonPath fin = b.ok("{ financials(" + RANGE + ",granularity:MONTH){ revenue{amount} oneOffCharges{amount} cogs{amount}"
                + " cogsByCategory{ category } } }");
        assertAmount("0", fin.get("data.financials[0].revenue.amount"));
        assertAmount("0", fin.get("data.financials[0].oneOffCharges.amount"));
        assertAmount("0", fin.get("data.financials[0].cogs.amount"));
        assertTrue(fin.getList("data.financials[0].cogsByCategory").isEmpty());
        queried.add("customerMrrHistory");
        assertEquals("NOT_FOUND", b.run("{ customerMrrHistory(customerId:\"c1\"){ mrr{amount} } }", null).get("errors[0].extensions.code"));
        queried.add("changeFeed");
        for (String args : List.of("", "(after:\"" + aFeedCursor + "\")", "(after:\"0\")")) {
            assertTrue(b.ok("{ changeFeed" + args + "{ entries{ cursor } } }").getList("data.changeFeed.entries").isEmpty(), args);
        }
        queried.add("revenueSettings");
        JsonPath settings = b.ok("{ revenueSettings { timeZone dunningDays } }");
        assertEquals("UTC", settings.get("data.revenueSettings.timeZone"), "B has its own (default) settings");

        queried.add("plans");
        assertTrue(b.ok("{ plans { code } }").getList("data.plans").isEmpty());

        // mutations with A's external ids: B's facts; B's customer c1 is B's (A's c1 is unknown to B until B records it)
        JsonPath foreign = b.run(Ops.mutations().get("recordSubscriptionEvents").document(),
                Ops.mutations().get("recordSubscriptionEvents").variables());
        assertEquals("VALIDATION", foreign.get("errors[0].extensions.code"));
        assertEquals("customerId", foreign.get("errors[0].extensions.field"));
        assertEquals("VALIDATION", b.run("mutation($c:[ChargeInput!]!){ recordCharges(charges:$c){ accepted } }",
                Map.of("c", list(Ops.charge("ch1", "c1", "CHARGE", "2024-01-10T00:00:00Z", "75", "USD")))).get("errors[0].extensions.code"));
        // the same external ids as A's, written by B: all new (accepted), none matching A's stored facts
        Set<String> mutated = new HashSet<>();
        mutated.add("recordPlans");
        assertAccepted(b.plans(list(plan("basic", "999", "USD", 1))), "recordPlans", 1);
        mutated.add("recordCustomers");
        assertAccepted(b.customers(list(customer("c1", "FR", "ENT", "partner"))), "recordCustomers", 1);
        mutated.add("recordSubscriptionEvents");
        assertAccepted(b.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-20T00:00:00Z", "planCode", "basic"))),
                "recordSubscriptionEvents", 1);
        mutated.add("recordFxRates");
        assertAccepted(b.ok("mutation($r:[FxRateInput!]!){ recordFxRates(rates:$r){ accepted unchanged replaced } }",
                Map.of("r", list(Map.of("currency", "EUR", "date", "2024-01-01", "rate", "1.2")))), "recordFxRates", 1);
        mutated.add("recordCharges");
        assertAccepted(b.ok("mutation($c:[ChargeInput!]!){ recordCharges(charges:$c){ accepted unchanged replaced } }",
                Map.of("c", list(Ops.charge("ch1", "c1", "CHARGE", "2024-01-10T00:00:00Z", "75", "USD"),
                        Ops.charge("ch-eur", "c1", "REFUND", "2024-01-11T00:00:00Z", "10", "EUR")))), "recordCharges", 2);
        mutated.add("recordCosts");
        assertAccepted(b.ok("mutation($c:[CostInput!]!){ recordCosts(costs:$c){ accepted unchanged replaced } }",
                Map.of("c", list(Ops.cost("co1", "COGS", "hosting", "2024-01-01", "30", "USD")))), "recordCosts", 1);
        mutated.add("updateRevenueSettings");
        b.ok(Ops.mutations().get("updateRevenueSettings").document());

        // A is exactly as before
        assertEquals(before, a.ok(Ops.SNAPSHOT).prettify());
        JsonPath aAfter = a.ok("{ plans{ price{amount} } revenueSettings{ timeZone dunningDays }"
                + " customerMrrHistory(customerId:\"c1\"){ country mrr{amount} movements{ kind day } }"
                + " financials(range:{from:\"2024-01-01\",to:\"2024-02-01\"},granularity:MONTH){ oneOffCharges{amount} cogs{amount} } }");
        assertAmount("100", aAfter.get("data.plans[0].price.amount"));
        assertEquals("Europe/Berlin", aAfter.get("data.revenueSettings.timeZone"));
        assertEquals(5, (Integer) aAfter.get("data.revenueSettings.dunningDays"));
        assertEquals("US", aAfter.get("data.customerMrrHistory.country"));
        assertAmount("100", aAfter.get("data.customerMrrHistory.mrr.amount"));
        assertEquals(1, aAfter.getList("data.customerMrrHistory.movements").size());
        assertEquals("2024-01-05", aAfter.get("data.customerMrrHistory.movements[0].day"));
        assertAmount("61", aAfter.get("data.financials[0].oneOffCharges.amount")); // 50 USD + 10 EUR at 1.1
        assertAmount("20", aAfter.get("data.financials[0].cogs.amount"));

        // and B's own writes are B's
        JsonPath bAfter = b.ok("{ plans{ price{amount} } customerMrrHistory(customerId:\"c1\"){ country mrr{amount} } revenueSettings{ timeZone } }");
        assertAmount("999", bAfter.get("data.plans[0].price.amount"));
        assertEquals("FR", bAfter.get("data.customerMrrHistory.country"));
        assertEquals("Europe/Paris", bAfter.get("data.revenueSettings.timeZone"));

        assertEquals(COVERED_QUERIES, queried);
        assertEquals(COVERED_MUTATIONS, mutated);
    }

    private static void assertAccepted(JsonPath r, String mutation, int accepted) {
        assertEquals(accepted, (Integer) r.get("data." + mutation + ".accepted"), r::prettify);
        assertEquals(0, (Integer) r.get("data." + mutation + ".unchanged"), r::prettify);
        assertEquals(0, (Integer) r.get("data." + mutation + ".replaced"), r::prettify);
    }

    @Test
    void noTokenOrATokenWithoutTenantIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ plans { code } }"))
                .when().post("/graphql").then().statusCode(401);
        String noTenant = Jwt.issuer(EmbeddedPostgresResource.ISSUER).audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("someone").groups(Set.of(Tokens.VIEWER)).expiresIn(Duration.ofMinutes(5))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
        JsonPath r = given().contentType(ContentType.JSON).auth().oauth2(noTenant).body(Map.of("query", "{ plans { code } }"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("UNAUTHENTICATED", r.get("errors[0].extensions.code"));
        String wrongAudience = Jwt.issuer(EmbeddedPostgresResource.ISSUER).audience("someone-else").claim("tenant_id", "adv-a")
                .groups(Set.of(Tokens.VIEWER)).expiresIn(Duration.ofMinutes(5)).sign(EmbeddedPostgresResource.KEYS.getPrivate());
        given().contentType(ContentType.JSON).auth().oauth2(wrongAudience).body(Map.of("query", "{ plans { code } }"))
                .when().post("/graphql").then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
