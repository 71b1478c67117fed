package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

/**
 * The change-feed consumer against a scripted revenue-service: stop and resume mid-feed, revenue-service down, a page
 * delivered twice, a backdated correction (REVERSAL + new MOVEMENT), and the joins to trials; numbers stay exact.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class FeedConsumerTest {

    static final String STATUS = "{acquisitionFeedStatus{cursor entriesApplied pending lastError lastErrorAt lastSyncAt lagSeconds appliedNow}}";

    static JsonPath funnel(Gql t, String by) {
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("r", range("2023-12-01", "2024-04-01"), "g", "MONTH"));
        if (by != null) {
            vars.put("by", by);
        }
        return t.ok(Gql.FUNNEL, vars);
    }

    static List<Integer> newCustomers(Gql t) {
        return funnel(t, null).getList("data.funnel.newPayingCustomers", Integer.class);
    }

    @Test
    void resumesMidFeedSurvivesOutagesAndDuplicatesAndAppliesBackdatedCorrections() {
        Gql t = Gql.as("feed-a");
        String tenant = t.tenant;
        long c1New = FakeRevenueService.movement(tenant, "c1", "NEW", "2024-01-10", "ads");
        FakeRevenueService.movement(tenant, "c2", "NEW", "2024-01-20", "organic");
        FakeRevenueService.movement(tenant, "c3", "NEW", "2024-02-05", null);
        FakeRevenueService.movement(tenant, "c1", "EXPANSION", "2024-02-10", "ads");
        FakeRevenueService.movement(tenant, "c2", "CHURN", "2024-03-01", "organic");

        // the consumer stops after one page of two entries
        JsonPath s = t.ok("mutation{syncAcquisitionFeed(maxPages:1,pageSize:2){cursor entriesApplied appliedNow pending}}");
        assertEquals("2", s.get("data.syncAcquisitionFeed.cursor"));
        assertEquals(2, s.getInt("data.syncAcquisitionFeed.appliedNow"));
        assertEquals(true, s.get("data.syncAcquisitionFeed.pending"));

        // revenue-service goes down: queries still answer from stored data, acquisitionFeedStatus shows the error
        FakeRevenueService.setFailing(tenant, true);
        assertEquals(List.of(0, 2, 0, 0), newCustomers(t));
        JsonPath status = t.ok(STATUS);
        assertTrue(status.getString("data.acquisitionFeedStatus.lastError").contains("503"), status.prettify());
        assertNotNull(status.get("data.acquisitionFeedStatus.lastErrorAt"));
        assertEquals("2", status.get("data.acquisitionFeedStatus.cursor"));

        // back up: a new run continues from the stored cursor, nothing lost or counted twice
        FakeRevenueService.setFailing(tenant, false);
        s = t.sync();
        assertEquals(3, s.getInt("data.syncAcquisitionFeed.appliedNow"));
        assertEquals("5", s.get("data.syncAcquisitionFeed.cursor"));
        assertNull(s.get("data.syncAcquisitionFeed.lastError"));
        assertEquals(List.of(0, 2, 1, 0), newCustomers(t));
        assertEquals(5, t.ok(STATUS).getInt("data.acquisitionFeedStatus.entriesApplied"));

        // the same pages delivered again (revenue-service ignores the cursor once): nothing changes
        FakeRevenueService.deliverFromStartOnce(tenant);
        s = t.sync();
        assertEquals(0, s.getInt("data.syncAcquisitionFeed.appliedNow"));
        assertEquals(5, s.getInt("data.syncAcquisitionFeed.entriesApplied"));
        assertEquals(List.of(0, 2, 1, 0), newCustomers(t));

        // trials join customers: c1's trial converted 2 days later; c3's first payment came 31 days after its trial
        t.record("trials", list(m("externalId", "t1", "startedAt", "2024-01-05T10:00:00Z", "channel", "webinar", "customerId", "c3"),
                m("externalId", "t2", "startedAt", "2024-01-08T10:00:00Z", "channel", "ads", "customerId", "c1")));
        JsonPath f = funnel(t, null);
        assertEquals(2, f.getInt("data.funnel[1].trials"));
        assertEquals(1, f.getInt("data.funnel[1].convertedTrials"));
        assertAmount("0.5", f.get("data.funnel[1].trialToPaidRate.value"));
        assertAmount("1", f.get("data.funnel[1].trialToPaidPeriodView.value")); // 2 new paying customers / 2 trials
        JsonPath c3 = t.ok("{customerAcquisition(customerId:\"c3\"){firstPaymentDay channel attributedFrom trials churnDay}}");
        assertEquals("webinar", c3.get("data.customerAcquisition.channel"));
        assertEquals("TRIAL", c3.get("data.customerAcquisition.attributedFrom"));
        assertEquals("2024-02-05", c3.get("data.customerAcquisition.firstPaymentDay"));
        JsonPath c2 = t.ok("{customerAcquisition(customerId:\"c2\"){channel attributedFrom churnDay}}");
        assertEquals("organic", c2.get("data.customerAcquisition.channel"));
        assertEquals("FEED", c2.get("data.customerAcquisition.attributedFrom"));
        assertEquals("2024-03-01", c2.get("data.customerAcquisition.churnDay"));

        // a backdated correction: c1's first payment was really on 2023-12-28
        FakeRevenueService.reversal(tenant, c1New);
        FakeRevenueService.movement(tenant, "c1", "NEW", "2023-12-28", "ads");
        assertEquals(2, t.sync().getInt("data.syncAcquisitionFeed.appliedNow"));
        assertEquals(List.of(1, 1, 1, 0), newCustomers(t));
        f = funnel(t, null);
        // t2 started after c1's (corrected) first payment: no longer a conversion
        assertEquals(0, f.getInt("data.funnel[1].convertedTrials"));
        assertAmount("0", f.get("data.funnel[1].trialToPaidRate.value"));
        JsonPath byChannel = funnel(t, "CHANNEL");
        assertEquals(List.of("ads", "organic", "webinar"), byChannel.getList("data.funnel.findAll{it.period.start=='2023-12-01'}.group"));
        assertEquals(1, byChannel.getInt("data.funnel.find{it.period.start=='2024-02-01' && it.group=='webinar'}.newPayingCustomers"));
        assertEquals(1, byChannel.getInt("data.funnel.find{it.period.start=='2023-12-01' && it.group=='ads'}.newPayingCustomers"));

        // a longer conversion window (a tenant setting) makes t1 a conversion
        t.ok("mutation{updateAcquisitionSettings(settings:{conversionWindowDays:31}){conversionWindowDays}}");
        f = funnel(t, null);
        assertEquals(1, f.getInt("data.funnel[1].convertedTrials"));
        assertEquals(31, f.getInt("data.funnel[1].conversionWindowDays"));
        assertEquals(List.of(1, 1, 1, 0), f.getList("data.funnel.newPayingCustomers", Integer.class));
        assertEquals(0, FakeRevenueService.UNAUTHORIZED.get());
    }

    @Test
    void queriesCatchUpOnDemandWithTheCallersToken() {
        Gql t = Gql.as("feed-auto");
        FakeRevenueService.movement(t.tenant, "x1", "NEW", "2024-02-02", "seo");
        FakeRevenueService.movement(t.tenant, "x2", "NEW", "2024-02-03", "seo");
        // no explicit sync: the query itself catches up first
        assertEquals(List.of(0, 0, 2, 0), newCustomers(t));
        JsonPath status = t.ok(STATUS);
        assertEquals(2, status.getInt("data.acquisitionFeedStatus.entriesApplied"));
        assertEquals(false, status.get("data.acquisitionFeedStatus.pending"));
        assertNotNull(status.get("data.acquisitionFeedStatus.lastSyncAt"));
        assertNotNull(status.get("data.acquisitionFeedStatus.lagSeconds"));
    }
}
