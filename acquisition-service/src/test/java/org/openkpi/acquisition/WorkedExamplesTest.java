package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.acquisition.Gql.assertAmount;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;
import static org.openkpi.acquisition.Gql.range;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The acquisition worked examples of METRICS.md (1, 5, 6, 7, 13), end to end over GraphQL and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class WorkedExamplesTest {

    @Test
    void example1CacIs666_67() {
        Gql t = Gql.as("ex-cac");
        // 300 first payments in March 2024 from revenue-service's feed: 200 on the "ads" channel, 100 organic
        for (int i = 0; i < 300; i++) {
            FakeRevenueService.movement(t.tenant, "c" + i, "NEW", "2024-03-" + String.format("%02d", 1 + i % 28), i < 200 ? "ads" : "organic");
        }
        assertEquals(300, t.sync().getInt("data.syncAcquisitionFeed.entriesApplied"));
        t.record("spend", list(
                m("externalId", "s1", "month", "2024-03", "channel", "ads", "kind", "AD_SPEND", "amount", 150000, "currency", "USD"),
                m("externalId", "s2", "month", "2024-03", "kind", "TOOLS", "amount", 50000, "currency", "USD"),
                m("externalId", "s3", "month", "2024-03", "kind", "SALARIES", "amount", 100000, "currency", "USD")));
        JsonPath r = t.ok(Gql.COST, Map.of("r", range("2024-03-01", "2024-04-01"), "g", "MONTH"));
        // blended: spend 200,000 (ad spend + tools) / 300 new paying customers
        assertAmount("200000", r.get("data.acquisitionCost[0].cac.numerator"));
        assertAmount("300", r.get("data.acquisitionCost[0].cac.denominator"));
        assertAmount("666.67", r.get("data.acquisitionCost[0].cac.value"));
        // fully loaded: 300,000 / 300; paid: 150,000 ad spend / 200 customers of the channel that had ad spend
        assertAmount("1000", r.get("data.acquisitionCost[0].fullyLoadedCac.value"));
        assertAmount("750", r.get("data.acquisitionCost[0].paidCac.value"));
        assertEquals(200, r.getInt("data.acquisitionCost[0].paidChannelCustomers"));
        // by channel: "ads" carries its ad spend; organic has no spend of its own
        JsonPath by = t.ok(Gql.COST, Map.of("r", range("2024-03-01", "2024-04-01"), "g", "MONTH", "by", "CHANNEL"));
        assertEquals(List.of("(none)", "ads", "organic"), by.getList("data.acquisitionCost.group"));
        assertAmount("750", by.get("data.acquisitionCost[1].cac.value"));
        assertAmount("0", by.get("data.acquisitionCost[2].cac.value"));
        assertEquals("no new paying customers in the period", by.get("data.acquisitionCost[0].cac.reason"));
    }

    @Test
    void example5VisitorToTrialIs0_06() {
        Gql t = Gql.as("ex-v2t");
        List<Map<String, Object>> counts = new ArrayList<>();
        for (int d = 1; d <= 25; d++) {
            counts.add(m("date", "2024-04-" + String.format("%02d", d), "channel", "seo", "visitors", 400));
        }
        t.record("counts", counts);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            trials.add(m("externalId", "t" + i, "startedAt", "2024-04-" + String.format("%02d", 1 + i % 30) + "T12:00:00Z", "channel", "seo"));
        }
        t.record("trials", trials);
        JsonPath r = t.ok(Gql.FUNNEL, Map.of("r", range("2024-04-01", "2024-05-01"), "g", "MONTH"));
        assertEquals(10000, r.getInt("data.funnel[0].visitors"));
        assertEquals(600, r.getInt("data.funnel[0].trials"));
        assertAmount("0.06", r.get("data.funnel[0].visitorToTrialRate.value"));
    }

    static Map<String, Object> deal(String id, String owner, long amount, Instant created, Instant closed, String status) {
        return m("externalId", id, "owner", owner, "amount", amount, "currency", "USD", "createdAt", created.toString(),
                "stages", list(m("stage", "qualify", "enteredAt", created.toString())), "status", status,
                "closedAt", closed == null ? null : closed.toString(), "lostReason", "LOST".equals(status) ? "price" : null);
    }

    static void stages(Gql t) {
        t.record("stages", list(m("code", "qualify", "name", "Qualify", "position", 1, "winProbability", 0.2),
                m("code", "propose", "name", "Proposal", "position", 2, "winProbability", 0.5),
                m("code", "negotiate", "name", "Negotiation", "position", 3, "winProbability", 0.8)));
    }

    @Test
    void example6WinRateDealSizeAndSalesCycle() {
        Instant created = Instant.parse("2024-04-01T09:00:00Z");
        Instant closed = Instant.parse("2024-05-10T09:00:00Z");
        // 200 deals closed in May, 50 won -> 0.25
        Gql a = Gql.as("ex-winrate");
        stages(a);
        List<Map<String, Object>> deals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deals.add(deal("d" + i, "rep" + i % 4, 1000, created, closed, i < 50 ? "WON" : "LOST"));
        }
        a.record("deals", deals);
        JsonPath r = a.ok(Gql.DEALS, Map.of("r", range("2024-05-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("0.25", r.get("data.dealMetrics[0].winRate.value"));
        assertAmount("200", r.get("data.dealMetrics[0].winRate.denominator"));

        // 500,000 won over 25 deals -> 20,000
        Gql b = Gql.as("ex-dealsize");
        stages(b);
        deals = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            deals.add(deal("d" + i, "rep", i % 2 == 0 ? 25000 : 15000, created, closed, "WON"));
        }
        deals.set(24, deal("d24", "rep", 20000, created, closed, "WON")); // 12 x 25,000 + 12 x 15,000 + 20,000 = 500,000
        b.record("deals", deals);
        r = b.ok(Gql.DEALS, Map.of("r", range("2024-05-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("500000", r.get("data.dealMetrics[0].amountWon.amount"));
        assertAmount("20000", r.get("data.dealMetrics[0].averageDealSize.value"));

        // 5 deals won after 150 days in total -> 30 days
        Gql c = Gql.as("ex-cycle");
        stages(c);
        int[] days = { 10, 20, 30, 40, 50 };
        deals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deals.add(deal("d" + i, "rep", 1000, closed.minus(days[i], ChronoUnit.DAYS), closed, "WON"));
        }
        c.record("deals", deals);
        r = c.ok(Gql.DEALS, Map.of("r", range("2024-05-01", "2024-06-01"), "g", "MONTH"));
        assertAmount("30", r.get("data.dealMetrics[0].salesCycle.mean"));
        assertAmount("30", r.get("data.dealMetrics[0].salesCycle.median"));
        assertEquals("DAYS", r.get("data.dealMetrics[0].salesCycle.unit"));
    }

    @Test
    void example7EmailListGrowthIs0_09() {
        Gql t = Gql.as("ex-email");
        t.record("email", list(m("externalId", "base", "date", "2024-01-15", "subscribes", 5000, "unsubscribes", 0),
                m("externalId", "feb-a", "date", "2024-02-03", "subscribes", 300, "unsubscribes", 20),
                m("externalId", "feb-b", "date", "2024-02-20", "subscribes", 200, "unsubscribes", 30)));
        JsonPath r = t.ok("query($r:DateRangeInput!){emailListGrowth(range:$r,granularity:MONTH){listSizeStart subscribes unsubscribes"
                + " listSizeEnd growthRate{value numerator denominator reason}}}", Map.of("r", range("2024-02-01", "2024-03-01")));
        assertEquals(5000, r.getInt("data.emailListGrowth[0].listSizeStart"));
        assertEquals(500, r.getInt("data.emailListGrowth[0].subscribes"));
        assertEquals(50, r.getInt("data.emailListGrowth[0].unsubscribes"));
        assertAmount("0.09", r.get("data.emailListGrowth[0].growthRate.value"));
        assertEquals(5450, r.getInt("data.emailListGrowth[0].listSizeEnd"));
    }

    @Test
    void example13CampaignRoiIs2() {
        Gql t = Gql.as("ex-roi");
        t.record("campaigns", list(m("externalId", "spring", "name", "Spring launch", "channel", "ads", "startDate", "2024-03-01",
                "endDate", "2024-04-30", "cost", 50000, "attributedRevenue", 150000, "currency", "USD")));
        JsonPath r = t.ok("{campaignRoi{externalId channel cost{amount} attributedRevenue{amount} roi{value numerator denominator}}}");
        assertAmount("2", r.get("data.campaignRoi[0].roi.value"));
        assertAmount("100000", r.get("data.campaignRoi[0].roi.numerator"));
        assertAmount("50000", r.get("data.campaignRoi[0].roi.denominator"));
    }
}
