package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Without a kpi-viewer caller the change feed is read with the service client's client-credentials token (from the
 * fake identity provider's token endpoint, cached) and the X-Kpi-Tenant header; the writer's own token, which
 * revenue-service would refuse, is never sent.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class ServiceClientTest {

    static int reads(java.util.Map<String, AtomicInteger> counts, String tenant) {
        AtomicInteger n = counts.get(tenant);
        return n == null ? 0 : n.get();
    }

    @Test
    void aWriterOnlyIngestionCatchesTheTenantUpWithTheServiceClient() {
        String tenant = "svc-a";
        FakeRevenueService.movement(tenant, "c7", "NEW", "2024-01-15", "ads");
        int forbidden = FakeRevenueService.FORBIDDEN.get();
        int unauthorized = FakeRevenueService.UNAUTHORIZED.get();
        int issued = FakeRevenueService.TOKENS_ISSUED.get();

        Gql writer = Gql.as(tenant, "kpi-writer");
        writer.record("trials", list(m("externalId", "t1", "startedAt", "2024-01-10T00:00:00Z", "channel", "webinar", "customerId", "c7")));
        assertEquals(1, reads(FakeRevenueService.SERVICE_READS, tenant));
        assertEquals(0, reads(FakeRevenueService.USER_READS, tenant));

        // the feed was applied before the ingestion: acquisitionFeedStatus does not sync, so this is the writer's catch-up
        Gql viewer = Gql.as(tenant, "kpi-viewer");
        JsonPath status = viewer.ok("{acquisitionFeedStatus{cursor entriesApplied}}");
        assertEquals("1", status.get("data.acquisitionFeedStatus.cursor"));
        assertEquals(1, status.getInt("data.acquisitionFeedStatus.entriesApplied"));

        // more writer-only work (ingestion and an explicit sync) reuses the cached token
        FakeRevenueService.movement(tenant, "c8", "NEW", "2024-01-20", "seo");
        writer.record("leads", list(m("externalId", "l1", "capturedAt", "2024-01-02T00:00:00Z", "channel", "seo", "customerId", "c8")));
        assertEquals(2, writer.ok("mutation{syncAcquisitionFeed{entriesApplied}}").getInt("data.syncAcquisitionFeed.entriesApplied"));
        assertEquals(3, reads(FakeRevenueService.SERVICE_READS, tenant));
        assertTrue(FakeRevenueService.TOKENS_ISSUED.get() - issued <= 1, "one token for all service reads");
        assertTrue(FakeRevenueService.TOKENS_ISSUED.get() >= 1);

        // a viewer's query catches up with the viewer's own token, and the data joined the feed and the facts
        JsonPath c7 = viewer.ok("{customerAcquisition(customerId:\"c7\"){channel attributedFrom firstPaymentDay}}");
        assertEquals("webinar", c7.get("data.customerAcquisition.channel"));
        assertEquals("TRIAL", c7.get("data.customerAcquisition.attributedFrom"));
        assertEquals("2024-01-15", c7.get("data.customerAcquisition.firstPaymentDay"));
        assertEquals("LEAD", viewer.ok("{customerAcquisition(customerId:\"c8\"){attributedFrom}}").get("data.customerAcquisition.attributedFrom"));
        assertTrue(reads(FakeRevenueService.USER_READS, tenant) >= 1);

        // order does not matter: a trial recorded before its customer's first payment is consumed converts when it is
        Gql lateWriter = Gql.as("svc-b", "kpi-writer");
        lateWriter.record("trials", list(m("externalId", "t9", "startedAt", "2024-01-03T00:00:00Z", "channel", "webinar", "customerId", "late")));
        FakeRevenueService.movement("svc-b", "late", "NEW", "2024-01-12", "ads");
        JsonPath f = Gql.as("svc-b", "kpi-viewer").ok(Gql.FUNNEL, java.util.Map.of("r", Gql.range("2024-01-01", "2024-02-01"), "g", "MONTH"));
        assertEquals(1, f.getInt("data.funnel[0].convertedTrials"), f.prettify());
        assertEquals(1, f.getInt("data.funnel[0].newPayingCustomers"));
        assertEquals("webinar", Gql.as("svc-b", "kpi-viewer").ok("{customerAcquisition(customerId:\"late\"){channel}}")
                .get("data.customerAcquisition.channel"));

        assertEquals(forbidden, FakeRevenueService.FORBIDDEN.get(), "a writer-only token was sent to revenue-service");
        assertEquals(unauthorized, FakeRevenueService.UNAUTHORIZED.get());
    }
}
