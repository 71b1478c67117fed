package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Batches are all-or-nothing and idempotent; bad input is named by code, index and field; corrections reach the feed. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class IngestionContractTest {

    private static final String FEED = "query($a:String){ changeFeed(after:$a, first:100){ entries{ cursor type reversesCursor customerId day kind fromMrr toMrr currency recordedAt } endCursor hasMore } }";

    private static Gql seeded(String tenant) {
        Gql t = Gql.as(tenant);
        t.plans(list(plan("basic", "100", "USD", 1), plan("euro", "90", "EUR", 1)));
        t.customers(list(customer("c1", "US", "SMB", "ads"), customer("c2", "GB", "MID", "organic")));
        return t;
    }

    private static void assertError(JsonPath r, String code, Integer index, String field) {
        assertEquals(code, (Object) r.get("errors[0].extensions.code"), r::prettify);
        assertEquals(index, (Object) r.get("errors[0].extensions.index"), r::prettify);
        assertEquals(field, (Object) r.get("errors[0].extensions.field"), r::prettify);
    }

    private static int movementCount(Gql t) {
        return t.ok("{ mrrMovements(range:{from:\"2000-01-01\",to:\"2100-01-01\"}, first:1000){ edges{ cursor } } }")
                .getList("data.mrrMovements.edges").size();
    }

    @Test
    void sameBatchTwiceChangesNothingAndAChangedFactReplacesTheOld() {
        Gql t = seeded("idem");
        List<Map<String, Object>> batch = list(
                event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "basic"),
                event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-02-05T00:00:00Z", "quantity", 3));
        JsonPath first = t.events(batch);
        assertEquals(2, (Integer) first.get("data.recordSubscriptionEvents.accepted"));
        String feedBefore = t.ok(FEED, new HashMap<>()).prettify();
        JsonPath again = t.events(batch);
        assertEquals(0, (Integer) again.get("data.recordSubscriptionEvents.accepted"));
        assertEquals(2, (Integer) again.get("data.recordSubscriptionEvents.unchanged"));
        assertEquals(feedBefore, t.ok(FEED, new HashMap<>()).prettify(), "a repeated batch publishes nothing");
        assertEquals(2, movementCount(t));

        // same id, new content: the quantity becomes 2, so February's expansion is 100 instead of 200
        JsonPath replaced = t.events(list(event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-02-05T00:00:00Z", "quantity", 2)));
        assertEquals(1, (Integer) replaced.get("data.recordSubscriptionEvents.replaced"));
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-02-01", "2024-03-01"), "g", "MONTH"));
        assertAmount("100", r.get("data.mrrSeries[0].expansionMrr.amount"));
        assertAmount("200", r.get("data.mrrSeries[0].mrrEnd.amount"));
    }

    private static List<String> movementsOf(Gql t, String customerId) {
        JsonPath r = t.ok("query($c:String){ mrrMovements(range:{from:\"2000-01-01\",to:\"2100-01-01\"}, customerId:$c, first:1000)"
                + "{ edges{ node{ day kind toMrr{ amount } } } } }", Map.of("c", customerId));
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> edges = r.getList("data.mrrMovements.edges");
        for (Map<String, Object> edge : edges) {
            @SuppressWarnings("unchecked")
            Map<String, Object> node = (Map<String, Object>) edge.get("node");
            @SuppressWarnings("unchecked")
            Map<String, Object> to = (Map<String, Object>) node.get("toMrr");
            String amount = new java.math.BigDecimal(to.get("amount").toString()).stripTrailingZeros().toPlainString();
            out.add(node.get("day") + " " + node.get("kind") + " " + amount);
        }
        return out;
    }

    @Test
    void aStoredEventAmongNewOnesIsReplacedEvenWhenItMovesToAnotherCustomer() {
        // new events are inserted without looking their ids up first; a batch whose customers' stored events do not
        // show that one of its ids is stored (here: it was c1's, and moves to c2) must still replace it, not add it
        Gql t = seeded("moved");
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "basic")));
        assertEquals(List.of("2024-01-05 NEW 100"), movementsOf(t, "c1"));

        JsonPath r = t.events(list(
                event("e2", "c2", "s2", "STARTED", "2024-02-01T00:00:00Z", "planCode", "basic"),
                event("e1", "c2", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "basic")));
        assertEquals(1, (Integer) r.get("data.recordSubscriptionEvents.accepted"), r::prettify);
        assertEquals(1, (Integer) r.get("data.recordSubscriptionEvents.replaced"), r::prettify);
        assertEquals(0, (Integer) r.get("data.recordSubscriptionEvents.unchanged"), r::prettify);
        assertEquals(List.of(), movementsOf(t, "c1"));
        assertEquals(List.of("2024-01-05 NEW 100", "2024-02-01 EXPANSION 200"), movementsOf(t, "c2"));
        JsonPath series = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-03-01"), "g", "MONTH"));
        assertAmount("100", series.get("data.mrrSeries[0].mrrEnd.amount"));
        assertAmount("200", series.get("data.mrrSeries[1].mrrEnd.amount"));

        // and the same batch again changes nothing
        JsonPath again = t.events(list(
                event("e2", "c2", "s2", "STARTED", "2024-02-01T00:00:00Z", "planCode", "basic"),
                event("e3", "c2", "s3", "STARTED", "2024-02-10T00:00:00Z", "planCode", "basic"),
                event("e1", "c2", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "basic")));
        assertEquals(1, (Integer) again.get("data.recordSubscriptionEvents.accepted"), again::prettify);
        assertEquals(2, (Integer) again.get("data.recordSubscriptionEvents.unchanged"), again::prettify);
        assertEquals(List.of("2024-01-05 NEW 100", "2024-02-01 EXPANSION 200", "2024-02-10 EXPANSION 300"), movementsOf(t, "c2"));
    }

    @Test
    void aBatchWithOneBadEventWritesNothingAndNamesIt() {
        Gql t = seeded("atomic");
        List<Map<String, Object>> batch = list(
                event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "basic"),
                event("e2", "c2", "s2", "STARTED", "2024-01-06T00:00:00Z", "planCode", "basic"),
                event("e3", "c2", "s2", "PLAN_CHANGED", "2024-01-07T00:00:00Z", "planCode", "no-such-plan"));
        JsonPath r = t.run(Gql.EVENTS, Map.of("e", batch));
        assertError(r, "VALIDATION", 2, "planCode");
        assertEquals(0, movementCount(t));
        assertEquals(0, t.ok(FEED, new HashMap<>()).getList("data.changeFeed.entries").size());
    }

    @Test
    void everyKindOfBadInputHasAStableCodeIndexAndField() {
        Gql t = seeded("bad-input");
        // negative price
        assertError(t.run("mutation($p:[PlanInput!]!){recordPlans(plans:$p){accepted}}",
                Map.of("p", list(plan("ok", "10", "USD", 1), plan("neg", "-1", "USD", 1)))), "VALIDATION", 1, "price");
        // unknown currency
        assertError(t.run("mutation($p:[PlanInput!]!){recordPlans(plans:$p){accepted}}",
                Map.of("p", list(plan("x", "10", "XYZ", 1)))), "VALIDATION", 0, "currency");
        assertEquals(List.of("basic", "euro"), t.ok("{ plans { code } }").getList("data.plans.code"), "nothing partly written");
        // unknown customer
        assertError(t.run(Gql.EVENTS, Map.of("e", list(event("e1", "ghost", "s1", "STARTED", "2024-01-01T00:00:00Z", "planCode", "basic")))),
                "VALIDATION", 0, "customerId");
        // malformed date
        assertError(t.run(Gql.EVENTS, Map.of("e", list(event("e1", "c1", "s1", "STARTED", "2024-13-01", "planCode", "basic")))),
                "VALIDATION", 0, "effectiveAt");
        // end before start
        assertError(t.run(Gql.EVENTS, Map.of("e", list(event("e1", "c1", "s1", "STARTED", "2024-03-01T00:00:00Z", "planCode", "basic",
                "trialEndsAt", "2024-02-01T00:00:00Z")))), "VALIDATION", 0, "trialEndsAt");
        assertError(t.run(Gql.EVENTS, Map.of("e", list(
                event("e1", "c1", "s1", "STARTED", "2024-03-01T00:00:00Z", "planCode", "basic"),
                event("e2", "c1", "s1", "CANCELLATION_REQUESTED", "2024-03-05T00:00:00Z", "cancelAt", "2024-03-04T00:00:00Z")))),
                "VALIDATION", 1, "cancelAt");
        // an event before its subscription started
        assertError(t.run(Gql.EVENTS, Map.of("e", list(
                event("e1", "c1", "s1", "STARTED", "2024-03-01T00:00:00Z", "planCode", "basic"),
                event("e2", "c1", "s1", "CANCELLED", "2024-02-01T00:00:00Z")))), "VALIDATION", 1, "subscriptionId");
        // missing FX rate: EUR plan, no EUR rate
        assertError(t.run(Gql.EVENTS, Map.of("e", list(
                event("e1", "c1", "s1", "STARTED", "2024-03-01T00:00:00Z", "planCode", "basic"),
                event("e2", "c2", "s2", "STARTED", "2024-03-01T00:00:00Z", "planCode", "euro")))), "VALIDATION", 1, "currency");
        assertError(t.run("mutation($c:[ChargeInput!]!){recordCharges(charges:$c){accepted}}", Map.of("c", list(Map.of(
                "externalId", "ch1", "customerId", "c1", "kind", "CHARGE", "occurredAt", "2024-03-01T00:00:00Z", "amount", "50",
                "currency", "EUR")))), "VALIDATION", 0, "currency");
        // same external id twice with different content in one batch
        assertError(t.run(Gql.EVENTS, Map.of("e", list(
                event("e1", "c1", "s1", "STARTED", "2024-03-01T00:00:00Z", "planCode", "basic"),
                event("e1", "c1", "s1", "STARTED", "2024-03-02T00:00:00Z", "planCode", "basic")))), "CONFLICT", 1, "externalId");
        // over the batch limit
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(customer("n" + i, null, null, null));
        }
        assertError(t.run("mutation($c:[CustomerInput!]!){recordCustomers(customers:$c){accepted}}", Map.of("c", tooMany)),
                "LIMIT_EXCEEDED", null, "batch");
        // a reversed range
        JsonPath reversed = t.run(Gql.SERIES, Map.of("r", range("2024-03-01", "2024-01-01"), "g", "MONTH"));
        assertError(reversed, "VALIDATION", null, "range");
        assertEquals(0, movementCount(t));
    }

    @Test
    void aBackdatedCancellationRewritesPastPeriodsAndReachesTheFeedAsCompensation() {
        Gql t = seeded("backdated");
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-10T00:00:00Z", "planCode", "basic"),
                event("e2", "c2", "s2", "STARTED", "2024-01-10T00:00:00Z", "planCode", "basic")));
        JsonPath before = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("200", before.get("data.mrrSeries[3].mrrEnd.amount"));
        JsonPath feed1 = t.ok(FEED, new HashMap<>());
        assertEquals(List.of("NEW", "NEW"), feed1.getList("data.changeFeed.entries.kind"));
        String cursor = feed1.get("data.changeFeed.endCursor");

        // recorded in May, effective since February 20: February onwards lose c1
        t.events(list(event("e3", "c1", "s1", "CANCELLED", "2024-02-20T12:00:00Z")));
        JsonPath after = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("200", after.get("data.mrrSeries[0].mrrEnd.amount"));
        assertAmount("100", after.get("data.mrrSeries[1].churnMrr.amount"));
        assertAmount("100", after.get("data.mrrSeries[1].mrrEnd.amount"));
        assertAmount("100", after.get("data.mrrSeries[3].mrrEnd.amount"));

        JsonPath feed2 = t.ok(FEED, Map.of("a", cursor));
        assertEquals(List.of("CHURN"), feed2.getList("data.changeFeed.entries.kind"));
        assertEquals("2024-02-20", feed2.get("data.changeFeed.entries[0].day"));

        // replacing the cancellation with a later one moves the churn: the old churn is reversed, the new one published
        t.events(list(event("e3", "c1", "s1", "CANCELLED", "2024-04-02T00:00:00Z")));
        JsonPath feed3 = t.ok(FEED, Map.of("a", feed2.get("data.changeFeed.endCursor")));
        assertEquals(List.of("REVERSAL", "MOVEMENT"), feed3.getList("data.changeFeed.entries.type"));
        assertEquals((Object) feed2.get("data.changeFeed.entries[0].cursor"), (Object) feed3.get("data.changeFeed.entries[0].reversesCursor"));
        assertEquals("2024-04-02", feed3.get("data.changeFeed.entries[1].day"));
        assertNull(feed3.get("data.changeFeed.entries[1].reversesCursor"));
        JsonPath last = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("200", last.get("data.mrrSeries[2].mrrEnd.amount"));
        assertAmount("100", last.get("data.mrrSeries[3].mrrEnd.amount"));

        // a consumer that starts now reads what one that kept up read, entry for entry (the reversed churn included, at
        // its own cursor with its content and recording instant, although it has left the ledger)
        List<Map<String, Object>> whole = t.ok(FEED, new HashMap<>()).getList("data.changeFeed.entries");
        List<Map<String, Object>> keptUp = new ArrayList<>();
        for (JsonPath page : List.of(feed1, feed2, feed3)) {
            keptUp.addAll(page.getList("data.changeFeed.entries"));
        }
        assertEquals(5, whole.size());
        assertEquals(keptUp, whole);

        // a consumer summing the whole feed gets the ledger: net MRR 100
        java.math.BigDecimal net = java.math.BigDecimal.ZERO;
        for (Map<String, Object> e : whole) {
            java.math.BigDecimal delta = new java.math.BigDecimal(e.get("toMrr").toString())
                    .subtract(new java.math.BigDecimal(e.get("fromMrr").toString()));
            net = "REVERSAL".equals(e.get("type")) ? net.subtract(delta) : net.add(delta);
        }
        assertAmount("100", net);
    }

    @Test
    void changingACustomersSegmentRegroupsItsHistory() {
        Gql t = seeded("regroup");
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-10T00:00:00Z", "planCode", "basic")));
        t.customers(list(customer("c1", "US", "ENTERPRISE", "ads")));
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH", "by", "SEGMENT"));
        assertEquals(List.of("ENTERPRISE"), r.getList("data.mrrSeries.group"));
        assertAmount("100", r.get("data.mrrSeries[0].mrrEnd.amount"));
    }
}
