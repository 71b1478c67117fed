package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.assertAmount;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;
import static org.openkpi.acquisition.Gql.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Ingestion contract: idempotence, replacement, atomic batches with coded errors, FX, visit de-duplication, undefined ratios. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class IngestionContractTest {

    static JsonPath funnel(Gql t) {
        return t.ok(Gql.FUNNEL, Map.of("r", range("2024-01-01", "2024-03-01"), "g", "MONTH"));
    }

    @Test
    void sameBatchTwiceChangesNothingAndAChangedFactReplacesTheOld() {
        Gql t = Gql.as("ing-idem");
        List<Map<String, Object>> trials = list(m("externalId", "t1", "startedAt", "2024-01-10T00:00:00Z", "channel", "seo"),
                m("externalId", "t2", "startedAt", "2024-01-11T00:00:00Z", "channel", "seo"));
        JsonPath r = t.record("trials", trials);
        assertEquals(2, r.getInt("data.recordTrials.accepted"));
        r = t.record("trials", trials);
        assertEquals(0, r.getInt("data.recordTrials.accepted"));
        assertEquals(2, r.getInt("data.recordTrials.unchanged"));
        assertEquals(List.of(2, 0), funnel(t).getList("data.funnel.trials", Integer.class));
        // t2 really started in February
        r = t.record("trials", list(m("externalId", "t2", "startedAt", "2024-02-11T00:00:00Z", "channel", "seo")));
        assertEquals(1, r.getInt("data.recordTrials.replaced"));
        assertEquals(List.of(1, 1), funnel(t).getList("data.funnel.trials", Integer.class));
        // clipped periods read the daily rollup for the edges and the monthly one for whole months
        assertEquals(List.of(1, 0), t.ok(Gql.FUNNEL, Map.of("r", range("2024-01-10", "2024-02-11"), "g", "MONTH"))
                .getList("data.funnel.trials", Integer.class));
        assertEquals(List.of(0, 2), t.ok(Gql.FUNNEL, Map.of("r", range("2023-12-15", "2024-03-01"), "g", "QUARTER"))
                .getList("data.funnel.trials", Integer.class));
        assertEquals(List.of(0, 1), t.ok(Gql.FUNNEL, Map.of("r", range("2024-01-11", "2024-02-12"), "g", "MONTH"))
                .getList("data.funnel.trials", Integer.class));
        // visitor counts: identity is date + channel + campaign
        t.record("counts", list(m("date", "2024-01-05", "channel", "seo", "visitors", 100)));
        r = t.record("counts", list(m("date", "2024-01-05", "channel", "seo", "visitors", 100),
                m("date", "2024-01-05", "channel", "seo", "campaign", "x", "visitors", 5)));
        assertEquals(1, r.getInt("data.recordVisitorCounts.unchanged"));
        assertEquals(1, r.getInt("data.recordVisitorCounts.accepted"));
        r = t.record("counts", list(m("date", "2024-01-05", "channel", "seo", "visitors", 50)));
        assertEquals(1, r.getInt("data.recordVisitorCounts.replaced"));
        assertEquals(55, funnel(t).getInt("data.funnel[0].visitors"));
    }

    @Test
    void oneBadElementWritesNothingAndNamesItsIndex() {
        Gql t = Gql.as("ing-atomic");
        JsonPath r = t.recordRaw("trials", list(m("externalId", "a", "startedAt", "2024-01-10T00:00:00Z"),
                m("externalId", "b", "startedAt", "2024-01-10T00:00:00Z"), m("externalId", "c", "startedAt", "10/01/2024")));
        assertEquals("VALIDATION", r.get("errors[0].extensions.code"));
        assertEquals(2, r.getInt("errors[0].extensions.index"));
        assertEquals("startedAt", r.get("errors[0].extensions.field"));
        assertEquals(List.of(0, 0), funnel(t).getList("data.funnel.trials", Integer.class));

        r = t.recordRaw("trials", list(m("externalId", "a", "startedAt", "2024-01-10T00:00:00Z"),
                m("externalId", "a", "startedAt", "2024-01-11T00:00:00Z")));
        assertEquals("CONFLICT", r.get("errors[0].extensions.code"));
        assertEquals(1, r.getInt("errors[0].extensions.index"));

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(m("externalId", "e" + i, "date", "2024-01-01", "subscribes", 1, "unsubscribes", 0));
        }
        r = t.recordRaw("email", tooMany);
        assertEquals("LIMIT_EXCEEDED", r.get("errors[0].extensions.code"));

        t.record("stages", list(m("code", "open", "name", "Open", "position", 1, "winProbability", 0.3)));
        r = t.recordRaw("deals", list(m("externalId", "d1", "owner", "ann", "amount", 10, "currency", "USD", "createdAt",
                "2024-01-01T00:00:00Z", "stages", list(m("stage", "nope", "enteredAt", "2024-01-01T00:00:00Z")), "status", "OPEN")));
        assertEquals("VALIDATION", r.get("errors[0].extensions.code"));
        assertEquals(0, r.getInt("errors[0].extensions.index"));
        assertEquals("stages[0].stage", r.get("errors[0].extensions.field"));
        r = t.recordRaw("deals", list(m("externalId", "d1", "owner", "ann", "amount", 10, "currency", "USD", "createdAt",
                "2024-01-01T00:00:00Z", "stages", list(m("stage", "open", "enteredAt", "2024-01-01T00:00:00Z")), "status", "WON")));
        assertEquals("closedAt", r.get("errors[0].extensions.field"));
    }

    @Test
    void amountsInAnotherCurrencyNeedAnFxRate() {
        Gql t = Gql.as("ing-fx");
        JsonPath r = t.recordRaw("spend", list(m("externalId", "s1", "month", "2024-01", "channel", "ads", "kind", "AD_SPEND",
                "amount", 1000, "currency", "EUR")));
        assertEquals("VALIDATION", r.get("errors[0].extensions.code"));
        assertEquals(0, r.getInt("errors[0].extensions.index"));
        assertEquals("currency", r.get("errors[0].extensions.field"));
        t.record("fx", list(m("currency", "EUR", "date", "2023-12-01", "rate", 1.1), m("currency", "EUR", "date", "2024-02-01", "rate", 1.2)));
        t.record("spend", list(m("externalId", "s1", "month", "2024-01", "channel", "ads", "kind", "AD_SPEND", "amount", 1000, "currency", "EUR"),
                m("externalId", "s2", "month", "2024-02", "channel", "ads", "kind", "AD_SPEND", "amount", 1000, "currency", "EUR")));
        r = t.ok(Gql.COST, Map.of("r", range("2024-01-01", "2024-03-01"), "g", "MONTH"));
        assertAmount("1100", r.get("data.acquisitionCost[0].adSpend.amount"));
        assertAmount("1200", r.get("data.acquisitionCost[1].adSpend.amount"));
        assertEquals("USD", r.get("data.acquisitionCost[0].adSpend.currency"));
        // a corrected rate converts the stored spend again
        t.record("fx", list(m("currency", "EUR", "date", "2023-12-01", "rate", 1.05)));
        r = t.ok(Gql.COST, Map.of("r", range("2024-01-01", "2024-03-01"), "g", "MONTH"));
        assertAmount("1050", r.get("data.acquisitionCost[0].adSpend.amount"));
        // weekly periods get the month's spend pro rata by day: Jan 1-7 of 31 days
        r = t.ok(Gql.COST, Map.of("r", range("2024-01-01", "2024-01-08"), "g", "WEEK"));
        assertAmount("237.10", r.get("data.acquisitionCost[0].adSpend.amount"));
    }

    @Test
    void rawVisitsAreDeduplicatedPerVisitorAndDay() {
        Gql t = Gql.as("ing-visits");
        t.record("visits", list(m("externalId", "v1", "visitorId", "alice", "occurredAt", "2024-01-03T08:00:00Z", "channel", "seo"),
                m("externalId", "v2", "visitorId", "alice", "occurredAt", "2024-01-03T18:00:00Z", "channel", "seo"),
                m("externalId", "v3", "visitorId", "bob", "occurredAt", "2024-01-03T09:00:00Z", "channel", "seo"),
                m("externalId", "v4", "visitorId", "alice", "occurredAt", "2024-01-04T09:00:00Z", "channel", "seo")));
        assertEquals(3, funnel(t).getInt("data.funnel[0].visitors"));
        // v3 was really alice: one unique visitor less on the 3rd
        t.record("visits", list(m("externalId", "v3", "visitorId", "alice", "occurredAt", "2024-01-03T09:00:00Z", "channel", "seo")));
        assertEquals(2, funnel(t).getInt("data.funnel[0].visitors"));
    }

    @Test
    void zeroDenominatorsAreNullWithAReason() {
        Gql t = Gql.as("ing-empty");
        JsonPath f = funnel(t);
        assertNull(f.get("data.funnel[0].visitorToTrialRate.value"));
        assertEquals("no unique visitors in the period", f.get("data.funnel[0].visitorToTrialRate.reason"));
        assertNull(f.get("data.funnel[0].trialToPaidRate.value"));
        assertEquals("no trials started in the period", f.get("data.funnel[0].trialToPaidRate.reason"));
        JsonPath c = t.ok(Gql.COST, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH"));
        assertNull(c.get("data.acquisitionCost[0].cac.value"));
        assertEquals("no new paying customers in the period", c.get("data.acquisitionCost[0].cac.reason"));
        assertNull(c.get("data.acquisitionCost[0].costPerLead.value"));
        JsonPath d = t.ok(Gql.DEALS, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH"));
        assertNull(d.get("data.dealMetrics[0].winRate.value"));
        assertEquals("no deals closed in the period", d.get("data.dealMetrics[0].winRate.reason"));
        assertNull(d.get("data.dealMetrics[0].salesCycle.mean"));
        JsonPath e = t.ok("{emailListGrowth(range:{from:\"2024-01-01\",to:\"2024-02-01\"},granularity:MONTH){growthRate{value reason}}}");
        assertNull(e.get("data.emailListGrowth[0].growthRate.value"));
        assertTrue(e.getString("data.emailListGrowth[0].growthRate.reason").contains("empty"));
        JsonPath bad = t.run(Gql.FUNNEL, Map.of("r", range("2024-02-01", "2024-01-01"), "g", "MONTH"));
        assertEquals("VALIDATION", bad.get("errors[0].extensions.code"));
        bad = t.run(Gql.FUNNEL, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH", "by", "OWNER"));
        assertEquals("groupBy", bad.get("errors[0].extensions.field"));
    }
}
