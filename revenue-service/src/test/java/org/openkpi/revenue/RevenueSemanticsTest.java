package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The MRR rules of METRICS.md beyond the worked examples, each with hand-checked numbers. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RevenueSemanticsTest {

    private static final String LOG = "query($c:String){ mrrMovements(range:{from:\"2000-01-01\",to:\"2100-01-01\"}, customerId:$c, first:1000){"
            + " edges{ node{ customerId day kind fromMrr{amount} toMrr{amount} planCode } } } }";

    private static List<String> kinds(Gql t, String customer) {
        return t.ok(LOG, Map.of("c", customer)).getList("data.mrrMovements.edges.node.kind");
    }

    private static List<String> days(Gql t, String customer) {
        return t.ok(LOG, Map.of("c", customer)).getList("data.mrrMovements.edges.node.day");
    }

    private static String toMrr(Gql t, String customer, int i) {
        return t.ok(LOG, Map.of("c", customer)).getString("data.mrrMovements.edges[" + i + "].node.toMrr.amount");
    }

    @Test
    void foreignCurrencyIsConvertedAtTheRateOfTheChangeAndFxMovesCreateNoMovement() {
        Gql t = Gql.as("fx");
        t.plans(list(plan("eu", "90", "EUR", 1)));
        t.customers(list(customer("c1", "DE", null, null)));
        t.ok("mutation($r:[FxRateInput!]!){recordFxRates(rates:$r){accepted}}",
                Map.of("r", list(Map.of("currency", "EUR", "date", "2024-01-01", "rate", "1.10"))));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-10T00:00:00Z", "planCode", "eu")));
        assertEquals("99.00", toMrr(t, "c1", 0));
        // the euro rises in March: no expansion
        t.ok("mutation($r:[FxRateInput!]!){recordFxRates(rates:$r){accepted}}",
                Map.of("r", list(Map.of("currency", "EUR", "date", "2024-03-01", "rate", "1.20"))));
        assertEquals(List.of("NEW"), kinds(t, "c1"));
        // a change in April re-rates at April's rate: 2 x 90 x 1.20
        t.events(list(event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-04-05T00:00:00Z", "quantity", 2)));
        assertEquals(List.of("NEW", "EXPANSION"), kinds(t, "c1"));
        assertEquals("216.00", toMrr(t, "c1", 1));
        // a corrected January rate rewrites the history that used it
        t.ok("mutation($r:[FxRateInput!]!){recordFxRates(rates:$r){replaced}}",
                Map.of("r", list(Map.of("currency", "EUR", "date", "2024-01-01", "rate", "1.05"))));
        assertEquals("94.50", toMrr(t, "c1", 0));
        assertEquals("216.00", toMrr(t, "c1", 1));
    }

    @Test
    void trialsAndPausesContributeNothing() {
        Gql t = Gql.as("trial");
        t.plans(list(plan("p", "100", "USD", 1)));
        t.customers(list(customer("c1", null, null, null)));
        t.events(list(
                event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "p", "trialEndsAt", "2024-01-19T00:00:00Z"),
                event("e2", "c1", "s1", "PAUSED", "2024-02-10T00:00:00Z"),
                event("e3", "c1", "s1", "RESUMED", "2024-03-01T00:00:00Z")));
        assertEquals(List.of("NEW", "CHURN", "REACTIVATION"), kinds(t, "c1"));
        assertEquals(List.of("2024-01-19", "2024-02-10", "2024-03-01"), days(t, "c1"));
    }

    @Test
    void aFullDiscountIsChurnOnlyWithoutOtherPaidMrr() {
        Gql t = Gql.as("discount");
        t.plans(list(plan("p", "100", "USD", 1)));
        t.customers(list(customer("two", null, null, null), customer("one", null, null, null)));
        t.events(list(
                event("a1", "two", "s1", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("a2", "two", "s2", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("a3", "two", "s1", "DISCOUNT_APPLIED", "2024-02-01T00:00:00Z", "discountPercent", 100),
                event("b1", "one", "s3", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("b2", "one", "s3", "DISCOUNT_APPLIED", "2024-02-01T00:00:00Z", "discountPercent", 100),
                event("b3", "one", "s3", "DISCOUNT_REMOVED", "2024-03-01T00:00:00Z"),
                event("b4", "one", "s3", "DISCOUNT_APPLIED", "2024-04-01T00:00:00Z", "discountAmount", "25")));
        assertEquals(List.of("NEW", "CONTRACTION"), kinds(t, "two"));
        assertEquals(List.of("NEW", "CHURN", "REACTIVATION", "CONTRACTION"), kinds(t, "one"));
        assertEquals("75.00", toMrr(t, "one", 3));
    }

    @Test
    void anUnpaidPastDueSubscriptionChurnsAtTheEndOfItsLastPaidPeriod() {
        Gql t = Gql.as("dunning");
        t.plans(list(plan("p", "100", "USD", 1)));
        t.customers(list(customer("unpaid", null, null, null), customer("paid", null, null, null),
                customer("late", null, null, null)));
        t.events(list(
                event("u1", "unpaid", "s1", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("u2", "unpaid", "s1", "PAYMENT_PAST_DUE", "2024-02-01T00:00:00Z", "paidThrough", "2024-02-01T00:00:00Z"),
                event("p1", "paid", "s2", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("p2", "paid", "s2", "PAYMENT_PAST_DUE", "2024-02-01T00:00:00Z", "paidThrough", "2024-02-01T00:00:00Z"),
                event("p3", "paid", "s2", "PAYMENT_SUCCEEDED", "2024-02-20T00:00:00Z"),
                event("l1", "late", "s3", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("l2", "late", "s3", "PAYMENT_PAST_DUE", "2024-02-01T00:00:00Z", "paidThrough", "2024-02-01T00:00:00Z"),
                event("l3", "late", "s3", "PAYMENT_SUCCEEDED", "2024-03-15T00:00:00Z")));
        assertEquals(List.of("NEW", "CHURN"), kinds(t, "unpaid"));
        assertEquals(List.of("2024-01-01", "2024-02-01"), days(t, "unpaid"));
        assertEquals(List.of("NEW"), kinds(t, "paid"));
        assertEquals(List.of("NEW", "CHURN", "REACTIVATION"), kinds(t, "late"));
        assertEquals(List.of("2024-01-01", "2024-02-01", "2024-03-15"), days(t, "late"));
    }

    @Test
    void aPaymentRecordedLaterWithdrawsADunningChurnDatedBeforeIt() {
        Gql t = Gql.as("dunning-late-payment");
        t.plans(list(plan("p", "100", "USD", 1), plan("addon", "20", "USD", 1)));
        t.customers(list(customer("c", null, null, null)));
        t.events(list(
                event("a1", "c", "main", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("a2", "c", "main", "PAYMENT_PAST_DUE", "2024-03-01T00:00:00Z", "paidThrough", "2024-02-15T00:00:00Z")));
        assertEquals(List.of("NEW", "CHURN"), kinds(t, "c"));
        assertEquals(List.of("2024-01-01", "2024-02-15"), days(t, "c"));

        // appended later, dated after the churn it withdraws: the ledger is corrected from 2024-02-15 on
        t.events(list(event("a3", "c", "main", "PAYMENT_SUCCEEDED", "2024-03-10T00:00:00Z")));
        assertEquals(List.of("NEW"), kinds(t, "c"));

        // a second subscription appended after a new past-due notice: the dunning churn of the first one,
        // effective before anything in this batch, still lands in the ledger
        t.events(list(event("a4", "c", "main", "PAYMENT_PAST_DUE", "2024-05-01T00:00:00Z", "paidThrough", "2024-04-20T00:00:00Z")));
        t.events(list(event("b1", "c", "extra", "STARTED", "2024-07-01T00:00:00Z", "planCode", "addon")));
        assertEquals(List.of("NEW", "CHURN", "REACTIVATION"), kinds(t, "c"));
        assertEquals(List.of("2024-01-01", "2024-04-20", "2024-07-01"), days(t, "c"));
        assertEquals("20.00", toMrr(t, "c", 2));
    }

    @Test
    void churnRecognitionSettingMovesCancellationsAndPublishesTheCorrection() {
        Gql t = Gql.as("recognition");
        t.plans(list(plan("p", "100", "USD", 1)));
        t.customers(list(customer("c1", null, null, null)));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-01T00:00:00Z", "planCode", "p"),
                event("e2", "c1", "s1", "CANCELLATION_REQUESTED", "2024-01-20T10:00:00Z", "cancelAt", "2024-02-15T00:00:00Z")));
        assertEquals(List.of("2024-01-01", "2024-02-15"), days(t, "c1"));
        JsonPath settings = t.ok("mutation{ updateRevenueSettings(settings:{churnRecognition: WHEN_REQUESTED}){ churnRecognition dunningDays reportingCurrency } }");
        assertEquals("WHEN_REQUESTED", settings.get("data.updateRevenueSettings.churnRecognition"));
        assertEquals(30, (Integer) settings.get("data.updateRevenueSettings.dunningDays"));
        assertEquals(List.of("2024-01-01", "2024-01-20"), days(t, "c1"));
        List<String> types = t.ok("{ changeFeed { entries { type day } } }").getList("data.changeFeed.entries.type");
        assertEquals(List.of("MOVEMENT", "MOVEMENT", "REVERSAL", "MOVEMENT"), types);
        // bad settings are refused with the field named
        JsonPath bad = t.run("mutation{ updateRevenueSettings(settings:{timeZone:\"Mars/Olympus\"}){ timeZone } }", null);
        assertEquals("VALIDATION", bad.get("errors[0].extensions.code"));
        assertEquals("timeZone", bad.get("errors[0].extensions.field"));
    }

    @Test
    void theTenantTimeZoneDecidesTheDay() {
        Gql t = Gql.as("zone");
        t.plans(list(plan("p", "100", "USD", 1)));
        t.customers(list(customer("c1", null, null, null)));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-02-01T03:00:00Z", "planCode", "p")));
        t.ok("mutation($c:[ChargeInput!]!){recordCharges(charges:$c){accepted}}", Map.of("c", list(Map.of("externalId", "fee",
                "customerId", "c1", "kind", "CHARGE", "occurredAt", "2024-02-01T03:00:00Z", "amount", "40", "currency", "USD"))));
        assertEquals(List.of("2024-02-01"), days(t, "c1"));
        String revenue = "{ financials(range:{from:\"2024-01-01\",to:\"2024-03-01\"}, granularity:MONTH){ oneOffCharges{amount} } }";
        assertAmount("40", t.ok(revenue).get("data.financials[1].oneOffCharges.amount"));

        // in New York the instant is still January 31: the ledger and the charge move to January
        t.ok("mutation{ updateRevenueSettings(settings:{timeZone:\"America/New_York\"}){ timeZone } }");
        assertEquals(List.of("2024-01-31"), days(t, "c1"));
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-03-01"), "g", "MONTH"));
        assertAmount("100", r.get("data.mrrSeries[0].newMrr.amount"));
        assertAmount("40", t.ok(revenue).get("data.financials[0].oneOffCharges.amount"));
        assertAmount("0", t.ok(revenue).get("data.financials[1].oneOffCharges.amount"));
    }

    @Test
    void groupingByPlanSplitsAnUpgradeIntoChurnAndNewAndAddsUp() {
        Gql t = Gql.as("by-plan");
        t.plans(list(plan("a", "100", "USD", 1), plan("b", "150", "USD", 1)));
        t.customers(list(customer("c1", "US", null, null), customer("c2", "US", null, null)));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-03T00:00:00Z", "planCode", "a"),
                event("e2", "c1", "s1", "PLAN_CHANGED", "2024-02-03T00:00:00Z", "planCode", "b"),
                event("e3", "c2", "s2", "STARTED", "2024-01-03T00:00:00Z", "planCode", "a")));
        JsonPath r = t.ok(Gql.SERIES, Map.of("r", range("2024-02-01", "2024-03-01"), "g", "MONTH", "by", "PLAN"));
        assertEquals(List.of("a", "b"), r.getList("data.mrrSeries.group"));
        assertAmount("200", r.get("data.mrrSeries[0].mrrStart.amount"));
        assertAmount("100", r.get("data.mrrSeries[0].churnMrr.amount"));
        assertAmount("100", r.get("data.mrrSeries[0].mrrEnd.amount"));
        assertEquals(1, (Integer) r.get("data.mrrSeries[0].payingCustomersEnd"));
        assertAmount("150", r.get("data.mrrSeries[1].newMrr.amount"));
        // the customer view of the same month: one expansion of 50
        JsonPath total = t.ok(Gql.SERIES, Map.of("r", range("2024-02-01", "2024-03-01"), "g", "MONTH"));
        assertAmount("50", total.get("data.mrrSeries[0].expansionMrr.amount"));
        assertAmount("250", total.get("data.mrrSeries[0].mrrEnd.amount"));
        // filtering on plan b alone: c1's part on b is new in February
        JsonPath onlyB = t.ok(Gql.SERIES, Map.of("r", range("2024-02-01", "2024-03-01"), "g", "MONTH",
                "f", Map.of("plans", List.of("b"))));
        assertAmount("150", onlyB.get("data.mrrSeries[0].newMrr.amount"));
        // filter on both plans and a country (answered from the ledger): the customer view again
        JsonPath both = t.ok(Gql.SERIES, Map.of("r", range("2024-02-01", "2024-03-01"), "g", "MONTH",
                "f", Map.of("plans", List.of("a", "b"), "countries", List.of("US"))));
        assertAmount("50", both.get("data.mrrSeries[0].expansionMrr.amount"));
        assertAmount("250", both.get("data.mrrSeries[0].mrrEnd.amount"));
    }

    @Test
    void revenueIsMrrProratedByDaysActivePlusChargesMinusRefunds() {
        Gql t = Gql.as("revenue");
        t.plans(list(plan("p", "310", "USD", 1)));
        t.customers(list(customer("c1", null, null, null)));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-11T08:00:00Z", "planCode", "p")));
        t.ok("mutation($c:[ChargeInput!]!){recordCharges(charges:$c){accepted}}", Map.of("c", list(
                Map.of("externalId", "setup", "customerId", "c1", "kind", "CHARGE", "occurredAt", "2024-01-11T08:00:00Z", "amount", "50", "currency", "USD"),
                Map.of("externalId", "refund", "customerId", "c1", "kind", "REFUND", "occurredAt", "2024-01-20T08:00:00Z", "amount", "20", "currency", "USD"))));
        JsonPath r = t.ok("""
                { financials(range:{from:"2024-01-01",to:"2024-03-01"}, granularity:MONTH){
                    subscriptionRevenue{amount} oneOffCharges{amount} refunds{amount} revenue{amount} netNewRevenue{amount}
                    grossMargin{value reason} } }""");
        // January: 21 of 31 days of 310 = 210; + 50 - 20
        assertAmount("210", r.get("data.financials[0].subscriptionRevenue.amount"));
        assertAmount("240", r.get("data.financials[0].revenue.amount"));
        assertAmount("240", r.get("data.financials[0].netNewRevenue.amount"));
        assertAmount("1", r.get("data.financials[0].grossMargin.value"));
        // February (29 days in 2024): a full month
        assertAmount("310", r.get("data.financials[1].revenue.amount"));
        assertAmount("0", r.get("data.financials[1].netNewRevenue.amount"));
        JsonPath empty = t.ok("{ financials(range:{from:\"2023-01-01\",to:\"2023-02-01\"}, granularity:MONTH){ grossMargin{value reason} } }");
        assertEquals("no revenue in period", empty.get("data.financials[0].grossMargin.reason"));
    }

    @Test
    void planMixAndUpsellRate() {
        Gql t = Gql.as("mix");
        t.plans(list(plan("a", "100", "USD", 1), plan("b", "300", "USD", 1)));
        t.customers(list(customer("c1", null, null, null), customer("c2", null, null, null), customer("c3", null, null, null),
                customer("c4", null, null, null)));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-02T00:00:00Z", "planCode", "a"),
                event("e2", "c2", "s2", "STARTED", "2024-01-02T00:00:00Z", "planCode", "a"),
                event("e3", "c3", "s3", "STARTED", "2024-01-02T00:00:00Z", "planCode", "a"),
                event("e4", "c4", "s4", "STARTED", "2024-01-02T00:00:00Z", "planCode", "b"),
                event("e5", "c1", "s1", "QUANTITY_CHANGED", "2024-02-05T00:00:00Z", "quantity", 2),
                event("e6", "c1", "s1", "QUANTITY_CHANGED", "2024-02-15T00:00:00Z", "quantity", 3)));
        JsonPath mix = t.ok("{ planMix(asOf:\"2024-01-31\"){ planCode planName payingCustomers customerShare{value} mrr{amount} mrrShare{value} } }");
        assertEquals(List.of("a", "b"), mix.getList("data.planMix.planCode"));
        assertEquals(List.of(3, 1), mix.getList("data.planMix.payingCustomers"));
        assertAmount("0.75", mix.get("data.planMix[0].customerShare.value"));
        assertAmount("300", mix.get("data.planMix[0].mrr.amount"));
        assertAmount("0.5", mix.get("data.planMix[0].mrrShare.value"));
        assertAmount("0.25", mix.get("data.planMix[1].customerShare.value"));
        JsonPath upsell = t.ok("{ upsellRate(range:{from:\"2024-01-01\",to:\"2024-03-01\"}, granularity:MONTH){ expansionCustomers payingCustomersStart upsellRate{value reason} } }");
        assertEquals("no paying customers at start of period", upsell.get("data.upsellRate[0].upsellRate.reason"));
        assertEquals(1, (Integer) upsell.get("data.upsellRate[1].expansionCustomers"));
        assertEquals(4, (Integer) upsell.get("data.upsellRate[1].payingCustomersStart"));
        assertAmount("0.25", upsell.get("data.upsellRate[1].upsellRate.value"));
        // the same through the ledger path (two filters) gives the same count
        JsonPath viaLedger = t.ok("{ upsellRate(range:{from:\"2024-01-01\",to:\"2024-03-01\"}, granularity:MONTH, filter:{plans:[\"a\",\"b\"], segments:[\"(none)\"]}){ expansionCustomers payingCustomersStart upsellRate{value reason} } }");
        assertEquals(upsell.getList("data.upsellRate"), viaLedger.getList("data.upsellRate"));
        // the weekly series runs ISO weeks from Monday, the first and last clipped to the range
        JsonPath weeks = t.ok(Gql.SERIES, Map.of("r", range("2024-01-03", "2024-01-17"), "g", "WEEK"));
        assertEquals(List.of("2024-01-03", "2024-01-08", "2024-01-15"), weeks.getList("data.mrrSeries.period.start"));
        assertEquals(List.of("2024-01-08", "2024-01-15", "2024-01-17"), weeks.getList("data.mrrSeries.period.end"));
    }
}
