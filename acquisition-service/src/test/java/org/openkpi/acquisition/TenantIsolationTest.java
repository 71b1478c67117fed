package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;
import static org.openkpi.acquisition.Gql.range;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Tenant B sees nothing of tenant A, even when it uses the same external ids. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class TenantIsolationTest {

    @Test
    void tenantsNeverSeeEachOthersFacts() {
        Gql a = Gql.as("iso-a");
        Gql b = Gql.as("iso-b");
        FakeRevenueService.movement(a.tenant, "cust-1", "NEW", "2024-01-15", "ads");
        a.sync();
        a.record("counts", list(m("date", "2024-01-02", "channel", "ads", "visitors", 1000)));
        a.record("trials", list(m("externalId", "t1", "startedAt", "2024-01-03T00:00:00Z", "channel", "ads", "customerId", "cust-1")));
        a.record("leads", list(m("externalId", "l1", "capturedAt", "2024-01-03T00:00:00Z", "channel", "ads")));
        a.record("spend", list(m("externalId", "s1", "month", "2024-01", "channel", "ads", "kind", "AD_SPEND", "amount", 500, "currency", "USD")));
        a.record("campaigns", list(m("externalId", "c1", "name", "A", "startDate", "2024-01-01", "cost", 1, "attributedRevenue", 2, "currency", "USD")));
        a.record("stages", list(m("code", "s", "name", "S", "position", 1, "winProbability", 0.5)));
        a.record("deals", list(m("externalId", "d1", "owner", "ann", "amount", 100, "currency", "USD", "createdAt", "2024-01-01T00:00:00Z",
                "stages", list(m("stage", "s", "enteredAt", "2024-01-01T00:00:00Z")), "status", "OPEN")));
        a.record("email", list(m("externalId", "e1", "date", "2024-01-01", "subscribes", 10, "unsubscribes", 0)));
        a.record("fx", list(m("currency", "USD", "date", "2023-01-01", "rate", 0.9)));
        a.ok("mutation{updateAcquisitionSettings(settings:{reportingCurrency:\"EUR\"}){reportingCurrency}}");

        Map<String, Object> jan = Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH");
        JsonPath fa = a.ok(Gql.FUNNEL, jan);
        assertEquals(1000, fa.getInt("data.funnel[0].visitors"));
        assertEquals(1, fa.getInt("data.funnel[0].newPayingCustomers"));

        JsonPath fb = b.ok(Gql.FUNNEL, jan);
        assertEquals(0, fb.getInt("data.funnel[0].visitors"));
        assertEquals(0, fb.getInt("data.funnel[0].trials"));
        assertEquals(0, fb.getInt("data.funnel[0].newPayingCustomers"));
        JsonPath cb = b.ok(Gql.COST, jan);
        assertEquals("0.00", cb.getString("data.acquisitionCost[0].adSpend.amount"));
        assertEquals("USD", cb.get("data.acquisitionCost[0].adSpend.currency"));
        assertEquals(0, cb.getInt("data.acquisitionCost[0].leads"));
        assertTrue(b.ok("{campaignRoi{externalId}}").getList("data.campaignRoi").isEmpty());
        assertTrue(b.ok("{pipelineStages{code}}").getList("data.pipelineStages").isEmpty());
        assertEquals(0, b.ok("{pipeline(at:\"2024-06-01T00:00:00Z\"){stages{openDeals} totalValue{amount}}}")
                .getList("data.pipeline.stages").size());
        assertEquals(0, b.ok("{acquisitionFeedStatus{entriesApplied}}").getInt("data.acquisitionFeedStatus.entriesApplied"));
        JsonPath guessed = b.run("{customerAcquisition(customerId:\"cust-1\"){channel}}", null);
        assertEquals("NOT_FOUND", guessed.get("errors[0].extensions.code"));
        assertEquals("USD", b.ok("{acquisitionSettings{reportingCurrency}}").get("data.acquisitionSettings.reportingCurrency"));

        // the same external ids are new facts for B, and writing them leaves A untouched
        JsonPath r = b.record("trials", list(m("externalId", "t1", "startedAt", "2024-01-20T00:00:00Z", "channel", "seo")));
        assertEquals(1, r.getInt("data.recordTrials.accepted"));
        assertEquals(List.of("ads"), a.ok(Gql.FUNNEL, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH", "by", "CHANNEL"))
                .getList("data.funnel.group"));
        assertEquals(1, a.ok("{customerAcquisition(customerId:\"cust-1\"){trials}}").getList("data.customerAcquisition.trials").size());
    }
}
