package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.acquisition.Gql.assertAmount;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;
import static org.openkpi.acquisition.Gql.range;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Leads, the pipeline and deals, and CAC by first-touch channel, with exact expected values. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class QueriesTest {

    static final String LEADS = """
            query($r:DateRangeInput!,$by:AcquisitionDimension,$f:AcquisitionFilterInput){
              leadMetrics(range:$r,granularity:MONTH,groupBy:$by,filter:$f){
                period{start} group leads convertedLeads leadConversionRate{value reason} mqls mqlsConvertedToSql
                mqlToSqlRate{value reason} followedUp responseTime{mean median p90 unit}
              }
            }""";

    @Test
    void leadConversionMqlToSqlAndResponseTime() {
        Gql t = Gql.as("q-leads");
        t.record("leads", list(
                m("externalId", "l1", "capturedAt", "2024-03-01T10:00:00Z", "channel", "ads", "owner", "ann",
                        "mqlAt", "2024-03-02T10:00:00Z", "sqlAt", "2024-03-05T10:00:00Z", "firstFollowUpAt", "2024-03-01T11:00:00Z",
                        "customerId", "c1"),
                m("externalId", "l2", "capturedAt", "2024-03-03T10:00:00Z", "channel", "ads", "owner", "bob",
                        "mqlAt", "2024-03-04T10:00:00Z", "firstFollowUpAt", "2024-03-03T13:00:00Z"),
                m("externalId", "l3", "capturedAt", "2024-03-10T10:00:00Z", "channel", "seo", "owner", "ann",
                        "firstFollowUpAt", "2024-03-11T10:00:00Z"),
                m("externalId", "l4", "capturedAt", "2024-03-20T10:00:00Z", "channel", "seo", "owner", "bob"),
                // MQL in March of a lead captured in February
                m("externalId", "l0", "capturedAt", "2024-02-25T10:00:00Z", "channel", "seo", "mqlAt", "2024-03-01T00:00:00Z",
                        "sqlAt", "2024-03-02T00:00:00Z")));
        JsonPath r = t.ok(LEADS, Map.of("r", range("2024-03-01", "2024-04-01")));
        assertEquals(4, r.getInt("data.leadMetrics[0].leads"));
        assertEquals(1, r.getInt("data.leadMetrics[0].convertedLeads"));
        assertAmount("0.25", r.get("data.leadMetrics[0].leadConversionRate.value"));
        assertEquals(3, r.getInt("data.leadMetrics[0].mqls"));
        assertEquals(2, r.getInt("data.leadMetrics[0].mqlsConvertedToSql"));
        assertAmount("0.6666666667", r.get("data.leadMetrics[0].mqlToSqlRate.value"));
        // response hours 1, 3, 24: mean 9.333333, median 3, p90 19.8 (interpolated)
        assertEquals(3, r.getInt("data.leadMetrics[0].followedUp"));
        assertAmount("9.333333", r.get("data.leadMetrics[0].responseTime.mean"));
        assertAmount("3", r.get("data.leadMetrics[0].responseTime.median"));
        assertAmount("19.8", r.get("data.leadMetrics[0].responseTime.p90"));
        assertEquals("HOURS", r.get("data.leadMetrics[0].responseTime.unit"));
        JsonPath byOwner = t.ok(LEADS, Map.of("r", range("2024-03-01", "2024-04-01"), "by", "OWNER", "f", Map.of("channels", List.of("ads"))));
        assertEquals(List.of("ann", "bob"), byOwner.getList("data.leadMetrics.group"));
        assertAmount("1", byOwner.get("data.leadMetrics[0].leadConversionRate.value"));
        assertAmount("3", byOwner.get("data.leadMetrics[1].responseTime.mean"));
    }

    static Map<String, Object> deal(String id, String owner, long amount, String status, String closedAt, String reason,
            Object... stagesAndTimes) {
        List<Map<String, Object>> stages = new java.util.ArrayList<>();
        for (int i = 0; i < stagesAndTimes.length; i += 2) {
            stages.add(m("stage", stagesAndTimes[i], "enteredAt", stagesAndTimes[i + 1]));
        }
        return m("externalId", id, "owner", owner, "amount", amount, "currency", "USD", "createdAt", stagesAndTimes[1],
                "stages", stages, "status", status, "closedAt", closedAt, "lostReason", reason, "channel", "outbound");
    }

    @Test
    void pipelineTimeInStageLostReasonsAndLeaderboard() {
        Gql t = Gql.as("q-deals");
        WorkedExamplesTest.stages(t);
        t.record("deals", list(
                // won: 2 days qualify, 10 days propose, 3 days negotiate
                deal("d1", "ann", 10000, "WON", "2024-01-16T00:00:00Z", null,
                        "qualify", "2024-01-01T00:00:00Z", "propose", "2024-01-03T00:00:00Z", "negotiate", "2024-01-13T00:00:00Z"),
                // lost after 4 days qualify, 20 days propose
                deal("d2", "bob", 5000, "LOST", "2024-01-25T00:00:00Z", "price",
                        "qualify", "2024-01-01T00:00:00Z", "propose", "2024-01-05T00:00:00Z"),
                deal("d3", "bob", 7000, "LOST", "2024-01-20T00:00:00Z", "timing", "qualify", "2024-01-02T00:00:00Z"),
                deal("d4", "bob", 3000, "WON", "2024-01-31T00:00:00Z", null, "qualify", "2024-01-10T00:00:00Z"),
                // still open: in propose since Jan 10
                deal("d5", "ann", 20000, "OPEN", null, null, "qualify", "2024-01-05T00:00:00Z", "propose", "2024-01-10T00:00:00Z"),
                deal("d6", "cid", 1000, "LOST", "2024-01-28T00:00:00Z", "price", "qualify", "2024-01-08T00:00:00Z")));
        JsonPath s = t.ok("{timeInStage(range:{from:\"2024-01-01\",to:\"2024-02-01\"}){bottleneckStage stages{stage exits duration{mean median}}}}");
        // qualify exits: d1 2, d2 4, d3 18, d4 21, d5 5, d6 20 -> mean 11.666667, median 11.5; propose: d1 10, d2 20 -> 15; negotiate: 3
        assertEquals(List.of("qualify", "propose", "negotiate"), s.getList("data.timeInStage.stages.stage"));
        assertEquals(6, s.getInt("data.timeInStage.stages[0].exits"));
        assertAmount("11.666667", s.get("data.timeInStage.stages[0].duration.mean"));
        assertAmount("11.5", s.get("data.timeInStage.stages[0].duration.median"));
        assertAmount("15", s.get("data.timeInStage.stages[1].duration.mean"));
        assertAmount("3", s.get("data.timeInStage.stages[2].duration.mean"));
        assertEquals("propose", s.get("data.timeInStage.bottleneckStage"));

        // at Jan 12: d1 propose, d2 propose, d3 qualify, d4 qualify, d5 propose, d6 qualify
        JsonPath p = t.ok("{pipeline(at:\"2024-01-12T00:00:00Z\"){stages{stage openDeals value{amount} weightedValue{amount}}"
                + " totalValue{amount} weightedForecast{amount}}}");
        assertEquals(3, p.getInt("data.pipeline.stages[0].openDeals"));
        assertAmount("11000", p.get("data.pipeline.stages[0].value.amount"));
        assertAmount("35000", p.get("data.pipeline.stages[1].value.amount"));
        assertAmount("46000", p.get("data.pipeline.totalValue.amount"));
        // 11,000 x 0.2 + 35,000 x 0.5 = 19,700
        assertAmount("19700", p.get("data.pipeline.weightedForecast.amount"));
        // at Feb 1 only d5 is open, in propose
        p = t.ok("{pipeline(at:\"2024-02-01T00:00:00Z\"){totalValue{amount} weightedForecast{amount}}}");
        assertAmount("20000", p.get("data.pipeline.totalValue.amount"));
        assertAmount("10000", p.get("data.pipeline.weightedForecast.amount"));

        JsonPath lost = t.ok("{lostDealReasons(range:{from:\"2024-01-01\",to:\"2024-02-01\"}){reason deals amount{amount}}}");
        assertEquals(List.of("price", "timing"), lost.getList("data.lostDealReasons.reason"));
        assertEquals(2, lost.getInt("data.lostDealReasons[0].deals"));
        assertAmount("6000", lost.get("data.lostDealReasons[0].amount.amount"));

        JsonPath board = t.ok("{repLeaderboard(range:{from:\"2024-01-01\",to:\"2024-02-01\"}){rank owner dealsWon amountWon{amount}"
                + " winRate{value} averageDealSize{value reason}}}");
        assertEquals(List.of("ann", "bob", "cid"), board.getList("data.repLeaderboard.owner"));
        assertAmount("0.3333333333", board.get("data.repLeaderboard[1].winRate.value"));
        assertNull(board.get("data.repLeaderboard[2].averageDealSize.value"));

        JsonPath byOwner = t.ok(Gql.DEALS, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH", "by", "OWNER"));
        assertEquals(List.of("ann", "bob", "cid"), byOwner.getList("data.dealMetrics.group"));
        assertAmount("15", byOwner.get("data.dealMetrics[0].salesCycle.mean"));

        // a deal sent again with a new history replaces the old one everywhere
        t.record("deals", list(deal("d5", "ann", 20000, "WON", "2024-01-12T00:00:00Z", null, "qualify", "2024-01-05T00:00:00Z")));
        p = t.ok("{pipeline(at:\"2024-02-01T00:00:00Z\"){totalValue{amount}}}");
        assertAmount("0", p.get("data.pipeline.totalValue.amount"));
    }

    @Test
    void cacByFirstTouchChannelVisitorCostAndCostPerLead() {
        Gql t = Gql.as("q-cac");
        for (String c : List.of("k1", "k2", "k3", "k4")) {
            FakeRevenueService.movement(t.tenant, c, "NEW", "2024-05-10", "direct");
        }
        t.sync();
        // k1 came through a trial on ads, k2 through a lead from events (and a later trial on ads), k3 from the feed only
        t.record("trials", list(m("externalId", "t1", "startedAt", "2024-05-01T00:00:00Z", "channel", "ads", "customerId", "k1"),
                m("externalId", "t2", "startedAt", "2024-05-03T00:00:00Z", "channel", "ads", "customerId", "k2")));
        t.record("leads", list(m("externalId", "l1", "capturedAt", "2024-04-20T00:00:00Z", "channel", "events", "customerId", "k2"),
                m("externalId", "l2", "capturedAt", "2024-05-20T00:00:00Z", "channel", "events"),
                m("externalId", "l3", "capturedAt", "2024-05-21T00:00:00Z", "channel", "ads"),
                m("externalId", "l4", "capturedAt", "2024-05-22T00:00:00Z", "channel", "ads"),
                m("externalId", "l5", "capturedAt", "2024-05-23T00:00:00Z", "channel", "ads")));
        t.record("trials", list(m("externalId", "t4", "startedAt", "2024-05-02T00:00:00Z", "channel", "seo", "customerId", "k4")));
        t.record("counts", list(m("date", "2024-05-02", "channel", "ads", "visitors", 2000)));
        t.record("spend", list(m("externalId", "a", "month", "2024-05", "channel", "ads", "kind", "AD_SPEND", "amount", 3000, "currency", "USD"),
                m("externalId", "b", "month", "2024-05", "channel", "events", "kind", "AD_SPEND", "amount", 1000, "currency", "USD"),
                m("externalId", "c", "month", "2024-05", "channel", "events", "kind", "SALARIES", "amount", 500, "currency", "USD")));
        JsonPath r = t.ok(Gql.COST, Map.of("r", range("2024-05-01", "2024-06-01"), "g", "MONTH", "by", "CHANNEL"));
        assertEquals(List.of("ads", "direct", "events", "seo"), r.getList("data.acquisitionCost.group"));
        // ads: 3,000 / k1; visitors 2,000 -> 1.50; 3 leads -> 1,000
        assertAmount("3000", r.get("data.acquisitionCost[0].cac.value"));
        assertAmount("1.5", r.get("data.acquisitionCost[0].visitorAcquisitionCost.value"));
        assertAmount("1000", r.get("data.acquisitionCost[0].costPerLead.value"));
        assertEquals(3, r.getInt("data.acquisitionCost[0].leads"));
        // direct: k3, no spend -> 0; events: 1,000 / k2, fully loaded 1,500; seo: k4, no ad spend -> paid CAC undefined
        assertAmount("0", r.get("data.acquisitionCost[1].cac.value"));
        assertAmount("1000", r.get("data.acquisitionCost[2].cac.value"));
        assertAmount("1500", r.get("data.acquisitionCost[2].fullyLoadedCac.value"));
        assertNull(r.get("data.acquisitionCost[3].paidCac.value"));
        JsonPath total = t.ok(Gql.COST, Map.of("r", range("2024-05-01", "2024-06-01"), "g", "MONTH"));
        assertEquals(4, total.getInt("data.acquisitionCost[0].newPayingCustomers"));
        assertEquals(2, total.getInt("data.acquisitionCost[0].paidChannelCustomers"));
        assertAmount("1000", total.get("data.acquisitionCost[0].cac.value"));
        assertAmount("2000", total.get("data.acquisitionCost[0].paidCac.value"));
        assertAmount("1125", total.get("data.acquisitionCost[0].fullyLoadedCac.value"));
        JsonPath k2 = t.ok("{customerAcquisition(customerId:\"k2\"){channel attributedFrom trials leads}}");
        assertEquals("events", k2.get("data.customerAcquisition.channel"));
        assertEquals("LEAD", k2.get("data.customerAcquisition.attributedFrom"));
        assertEquals(List.of("t2"), k2.getList("data.customerAcquisition.trials"));
    }
}
