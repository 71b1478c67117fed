package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Tenant B sees nothing of tenant A, even by guessing A's customer ids. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class TenantIsolationTest {

    @Test
    void anotherTenantSeesNothing() {
        FakeRevenue.of("iso-a").movement("c1", "2024-01-10", "NEW", "0", "100");
        FakeRevenue.of("iso-a").movement("c1", "2024-02-10", "CHURN", "100", "0");
        Gql a = Gql.as("iso-a");
        a.syncAll();
        a.ok(EngagementAndFeedbackTest.NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("r1", "c1", 10, "2024-02-01T00:00:00Z"))));
        a.ok(EngagementAndFeedbackTest.ACTIVITY, Map.of("e", List.of(EngagementAndFeedbackTest.event("u1", "c1", "2024-02-01T00:00:00Z"))));
        assertEquals(1, (Integer) a.series("2024-02-01", "2024-03-01", "MONTH").get("data.retentionSeries[0].churnedCustomers"));

        Gql b = Gql.as("iso-b");
        b.syncAll();
        JsonPath s = b.series("2024-02-01", "2024-03-01", "MONTH");
        assertEquals(0, (Integer) s.get("data.retentionSeries[0].payingCustomersStart"));
        assertNull(s.get("data.retentionSeries[0].nrr.value"));
        assertEquals(0, b.ok(Gql.SERIES, Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH", "by", "PLAN"))
                .getList("data.retentionSeries").size());
        assertEquals(0, (Integer) b.ok(CohortRetentionTest.TABLE, Map.of("r", Gql.range("2024-01-01", "2024-02-01"), "asOf", "2024-03-01"))
                .get("data.cohortRetention.rows[0].customers"));
        assertEquals(0, (Integer) b.ok(EngagementAndFeedbackTest.NPS, Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH"))
                .get("data.npsSeries[0].responses"));
        assertEquals(0, ((Number) b.ok(EngagementAndFeedbackTest.ENGAGEMENT, Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH"))
                .get("data.engagementSeries[0].activeUsers")).intValue());
        assertEquals("NOT_FOUND", b.run("{ customerRetention(customerId:\"c1\"){ customerId } }", null).get("errors[0].extensions.code"));
        JsonPath status = b.ok(FeedConsumerTest.STATUS);
        assertEquals(0, ((Number) status.get("data.retentionFeedStatus.entriesApplied")).intValue());
        assertNull(status.get("data.retentionFeedStatus.cursor"));
        // the same external ids in B are B's own facts
        JsonPath own = b.ok(EngagementAndFeedbackTest.NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("r1", "c1", 0, "2024-02-01T00:00:00Z"))));
        assertEquals(1, (Integer) own.get("data.recordNpsResponses.accepted"));
        JsonPath aNps = a.ok(EngagementAndFeedbackTest.NPS, Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH"));
        assertEquals(100, ((Number) aNps.get("data.npsSeries[0].nps")).intValue());
    }
}
