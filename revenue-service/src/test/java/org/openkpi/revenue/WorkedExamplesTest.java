package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The revenue worked examples of METRICS.md and the reference examples of the issue, end to end. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WorkedExamplesTest {

    static void assertAmount(String expected, Object actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())),
                () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void chartMogulYearlyPlanIsOneTwelfthOfItsPrice() {
        Gql t = Gql.as("ex-yearly");
        t.plans(list(plan("annual", "2000", "USD", 12)));
        t.customers(list(customer("c1", "US", "SMB", "organic")));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-15T10:00:00Z", "planCode", "annual")));
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH"));
        assertAmount("166.67", r.get("data.mrrSeries[0].mrrEnd.amount"));
        assertAmount("166.67", r.get("data.mrrSeries[0].newMrr.amount"));
        assertAmount("2000.04", r.get("data.mrrSeries[0].arr.amount"));
        assertEquals("USD", r.get("data.mrrSeries[0].mrrStart.currency"));
    }

    @Test
    void stripeGlossaryExampleIsTwelveThousandFiveHundred() {
        Gql t = Gql.as("ex-stripe");
        t.plans(list(plan("monthly", "100", "USD", 1), plan("yearly", "600", "USD", 12)));
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            customers.add(customer("c" + i, "DE", null, null));
            events.add(event("e" + i, "c" + i, "s" + i, "STARTED", "2024-03-0" + (1 + i % 9) + "T08:00:00Z", "planCode",
                    i < 100 ? "monthly" : "yearly"));
        }
        t.customers(customers);
        t.events(events);
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-03-01", "2024-04-01"), "g", "MONTH"));
        assertAmount("12500", r.get("data.mrrSeries[0].mrrEnd.amount"));
        assertEquals(150, (Integer) r.get("data.mrrSeries[0].payingCustomersEnd"));
        // ARPA = 12,500 / 150 = 83.33; ASP likewise (all of it is new MRR)
        assertAmount("83.33", r.get("data.mrrSeries[0].arpa.value"));
        assertAmount("83.33", r.get("data.mrrSeries[0].asp.value"));
    }

    @Test
    void example12ArpaIs105() {
        Gql t = Gql.as("ex-arpa");
        t.plans(list(plan("a", "100", "USD", 1), plan("b", "110", "USD", 1)));
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            customers.add(customer("c" + i, null, null, null));
            events.add(event("e" + i, "c" + i, "s" + i, "STARTED", "2024-05-02T00:00:00Z", "planCode", i % 2 == 0 ? "a" : "b"));
        }
        t.customers(customers);
        t.events(events);
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-05-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("10500", r.get("data.mrrSeries[0].mrrEnd.amount"));
        assertAmount("105", r.get("data.mrrSeries[0].arpa.value"));
        assertAmount("10500", r.get("data.mrrSeries[0].arpa.numerator"));
    }

    @Test
    void example14MovementsAndTheMrrIdentity() {
        Gql t = Gql.as("ex-14");
        t.plans(list(plan("p100", "100", "USD", 1), plan("p150", "150", "USD", 1), plan("p80", "80", "USD", 1)));
        t.customers(list(customer("c1", "FR", "SMB", "ads")));
        // day 0 = 2024-01-01; day 10 = 2024-01-11; day 40 = 2024-02-10; day 70 = 2024-03-11
        t.events(list(
                event("e1", "c1", "s1", "STARTED", "2024-01-01T09:00:00Z", "planCode", "p100"),
                event("e2", "c1", "s1", "PLAN_CHANGED", "2024-01-11T09:00:00Z", "planCode", "p150"),
                event("e3", "c1", "s1", "CANCELLATION_REQUESTED", "2024-01-20T09:00:00Z", "cancelAt", "2024-02-10T00:00:00Z"),
                event("e4", "c1", "s2", "STARTED", "2024-03-11T09:00:00Z", "planCode", "p80")));
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-05-01"), "g", "MONTH"));
        List<Map<String, Object>> points = r.getList("data.mrrSeries");
        assertEquals(4, points.size());
        assertAmount("100", r.get("data.mrrSeries[0].newMrr.amount"));
        assertAmount("50", r.get("data.mrrSeries[0].expansionMrr.amount"));
        assertAmount("150", r.get("data.mrrSeries[0].mrrEnd.amount"));
        assertAmount("150", r.get("data.mrrSeries[1].churnMrr.amount"));
        assertAmount("0", r.get("data.mrrSeries[1].mrrEnd.amount"));
        assertEquals(1, (Integer) r.get("data.mrrSeries[1].churnedCustomers"));
        assertAmount("80", r.get("data.mrrSeries[2].reactivationMrr.amount"));
        assertEquals(1, (Integer) r.get("data.mrrSeries[2].reactivatedCustomers"));
        assertAmount("0", r.get("data.mrrSeries[2].newMrr.amount"));
        assertAmount("80", r.get("data.mrrSeries[3].mrrStart.amount"));
        for (int i = 0; i < points.size(); i++) {
            BigDecimal start = new BigDecimal(r.getString("data.mrrSeries[" + i + "].mrrStart.amount"));
            BigDecimal net = new BigDecimal(r.getString("data.mrrSeries[" + i + "].netNewMrr.amount"));
            BigDecimal end = new BigDecimal(r.getString("data.mrrSeries[" + i + "].mrrEnd.amount"));
            assertEquals(0, start.add(net).compareTo(end), "MRR identity in period " + i);
        }
        // growth rate of January is undefined (no MRR at start), with a reason
        assertEquals(null, (Object) r.get("data.mrrSeries[0].growthRate.value"));
        assertEquals("no MRR at start of period", r.get("data.mrrSeries[0].growthRate.reason"));
        // the movement log and the customer's history carry exactly the four movements
        JsonPath log = t.ok("{ mrrMovements(range:{from:\"2024-01-01\",to:\"2025-01-01\"}){ edges{ node{ day kind delta{amount} planCode } } } }");
        assertEquals(List.of("NEW", "EXPANSION", "CHURN", "REACTIVATION"), log.getList("data.mrrMovements.edges.node.kind"));
        assertEquals(List.of("2024-01-01", "2024-01-11", "2024-02-10", "2024-03-11"), log.getList("data.mrrMovements.edges.node.day"));
        assertEquals(List.of("p100", "p150", "p150", "p80"), log.getList("data.mrrMovements.edges.node.planCode"));
        JsonPath history = t.ok("{ customerMrrHistory(customerId:\"c1\", asOf:\"2024-02-15\"){ mrr{amount} firstPaymentDay churnedOn movements{kind} } }");
        assertAmount("0", history.get("data.customerMrrHistory.mrr.amount"));
        assertEquals("2024-01-01", history.get("data.customerMrrHistory.firstPaymentDay"));
        assertEquals("2024-02-10", history.get("data.customerMrrHistory.churnedOn"));
    }

    @Test
    void example10GrossMarginAndEbitda() {
        Gql t = Gql.as("ex-margin");
        t.plans(list(plan("big", "50000", "USD", 1)));
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(customer("c" + i, null, null, null));
            events.add(event("e" + i, "c" + i, "s" + i, "STARTED", "2024-01-10T00:00:00Z", "planCode", "big"));
        }
        t.customers(customers);
        t.events(events);
        t.ok("mutation($c:[CostInput!]!){recordCosts(costs:$c){accepted}}", Map.of("c", list(
                Map.of("externalId", "hosting-feb", "kind", "COGS", "category", "hosting", "date", "2024-02-01", "amount", "100000", "currency", "USD"),
                Map.of("externalId", "support-feb", "kind", "COGS", "category", "support", "date", "2024-02-15", "amount", "75000", "currency", "USD"),
                Map.of("externalId", "sm-feb", "kind", "OPERATING_EXPENSE", "category", "sales & marketing", "date", "2024-02-01", "amount", "200000", "currency", "USD"))));
        JsonPath r = t.ok("""
                { financials(range:{from:"2024-02-01",to:"2024-03-01"}, granularity:MONTH){
                    revenue{amount} subscriptionRevenue{amount} cogs{amount} grossProfit{amount}
                    grossMargin{value numerator denominator} operatingExpenses{amount} ebitda{amount}
                    cogsByCategory{category amount{amount}} } }""");
        assertAmount("500000", r.get("data.financials[0].revenue.amount"));
        assertAmount("175000", r.get("data.financials[0].cogs.amount"));
        assertAmount("0.65", r.get("data.financials[0].grossMargin.value"));
        assertAmount("125000", r.get("data.financials[0].ebitda.amount"));
        assertEquals(List.of("hosting", "support"), r.getList("data.financials[0].cogsByCategory.category"));
    }
}
