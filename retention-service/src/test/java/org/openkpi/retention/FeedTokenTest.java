package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The token the change feed is read with: the caller's when it holds kpi-viewer, else this service's client-credentials
 * token (from the fake token endpoint of {@link FakeRevenueResource}, cached) with X-Kpi-Tenant. The skipped path (no
 * service client) is {@code FeedAccessTest}.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class FeedTokenTest {

    @Test
    void aWriterOnlyIngestionCatchesTheTenantUpWithTheServiceToken() {
        FakeRevenue f = FakeRevenue.of("svc-writer");
        f.movement("c1", "2024-01-10", "NEW", "0", "100");
        f.movement("c2", "2024-01-12", "NEW", "0", "40");
        Gql writer = Gql.as("svc-writer", "kpi-writer");
        writer.ok(EngagementAndFeedbackTest.NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "c1", 9,
                "2024-02-01T00:00:00Z"))));
        int[] reads = f.reads();
        assertEquals(0, reads[0], "the writer's own token is never forwarded");
        assertEquals(1, reads[1], "one feed read with the service token and X-Kpi-Tenant: svc-writer");
        // caught up: read the status with a viewer token (the status query itself reads no feed)
        Gql viewer = Gql.as("svc-writer", "kpi-viewer");
        JsonPath status = viewer.ok(FeedConsumerTest.STATUS);
        assertEquals(2, ((Number) status.get("data.retentionFeedStatus.entriesApplied")).intValue());
        assertNotNull(status.get("data.retentionFeedStatus.cursor"));
        assertEquals(null, (Object) status.get("data.retentionFeedStatus.lastError"));

        // the next writer-only request reuses the cached service token; the explicit sync uses it too
        f.movement("c1", "2024-02-10", "CHURN", "100", "0");
        JsonPath sync = writer.ok("mutation { syncRetentionFeed { entriesApplied lastError } }");
        assertEquals(3, ((Number) sync.get("data.syncRetentionFeed.entriesApplied")).intValue(), sync.prettify());
        int[] after = f.reads();
        assertEquals(0, after[0]);
        assertEquals(2, after[1]);
        assertEquals(reads[2], after[2], "no new token was requested");

        // a viewer's request reads the feed with the viewer's own token
        assertEquals(1, (Integer) viewer.series("2024-02-01", "2024-03-01", "MONTH").get("data.retentionSeries[0].churnedCustomers"));
        assertEquals(1, f.reads()[0]);
    }
}
