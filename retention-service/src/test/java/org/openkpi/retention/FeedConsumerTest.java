package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The change-feed consumer: paging with a stored cursor across restarts, pages delivered twice, backdated
 * corrections (REVERSAL + corrected MOVEMENT), revenue-service unreachable. The test profile reads one page
 * of 25 entries per sync.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class FeedConsumerTest {

    static final String STATUS = "{ retentionFeedStatus { cursor entriesApplied pending lastSyncAt newestEntryRecordedAt lagSeconds lastError lastErrorAt currency } }";
    static final String SYNC = "mutation { syncRetentionFeed { cursor entriesApplied pending lastError } }";

    @Test
    void pagesAreAppliedOnceFromTheStoredCursorEvenWhenDeliveredTwice() {
        FakeRevenue f = FakeRevenue.of("feed-paging");
        String lastCursor = null;
        for (int i = 0; i < 60; i++) {
            lastCursor = f.movement("c" + i, "2024-01-" + (10 + i % 15), "NEW", "0", "10");
        }
        for (int i = 0; i < 6; i++) {
            lastCursor = f.movement("c" + i, "2024-02-1" + i, "CHURN", "10", "0");
        }
        Gql t = Gql.as("feed-paging");
        JsonPath first = t.ok(SYNC);
        assertEquals(25, ((Number) first.get("data.syncRetentionFeed.entriesApplied")).intValue());
        assertTrue((Boolean) first.get("data.syncRetentionFeed.pending"));
        // the first page again (revenue ignores after once): none of it is applied twice, and the consumer reads on
        // from its stored cursor (the second page)
        f.repeatFirstPageOnce();
        JsonPath repeated = t.ok(SYNC);
        assertEquals(50, ((Number) repeated.get("data.syncRetentionFeed.entriesApplied")).intValue());
        // a "restarted" consumer simply continues from the stored cursor, one page per request
        JsonPath done = t.syncAll();
        assertEquals(66, ((Number) done.get("data.syncRetentionFeed.entriesApplied")).intValue());
        assertEquals(lastCursor, done.get("data.syncRetentionFeed.cursor"));
        // delivered twice after the end: still nothing new
        f.repeatFirstPageOnce();
        t.ok(SYNC);
        JsonPath status = t.ok(STATUS);
        assertEquals(66, ((Number) status.get("data.retentionFeedStatus.entriesApplied")).intValue());
        assertEquals(false, status.get("data.retentionFeedStatus.pending"));
        assertNotNull(status.get("data.retentionFeedStatus.lastSyncAt"));
        assertEquals("2024-01-01T00:00:00Z", status.get("data.retentionFeedStatus.newestEntryRecordedAt"));
        assertTrue(((Number) status.get("data.retentionFeedStatus.lagSeconds")).longValue() > 0);

        JsonPath feb = t.series("2024-02-01", "2024-03-01", "MONTH");
        assertEquals(60, (Integer) feb.get("data.retentionSeries[0].payingCustomersStart"));
        assertEquals(6, (Integer) feb.get("data.retentionSeries[0].churnedCustomers"));
        assertAmount("0.1", feb.get("data.retentionSeries[0].logoChurnRate.value"));
        assertAmount("600", feb.get("data.retentionSeries[0].mrrStart.amount"));
    }

    @Test
    void backdatedCorrectionsLeaveExactNumbers() {
        FakeRevenue f = FakeRevenue.of("feed-corrections");
        f.movement("a", "2024-01-05", "NEW", "0", "100");
        f.movement("b", "2024-01-06", "NEW", "0", "100");
        f.movement("c", "2024-01-07", "NEW", "0", "100");
        String expansion = f.movement("a", "2024-03-05", "EXPANSION", "100", "200");
        String churn = f.movement("b", "2024-03-20", "CHURN", "100", "0");
        Gql t = Gql.as("feed-corrections");
        t.syncAll();
        JsonPath before = t.series("2024-03-01", "2024-04-01", "MONTH");
        assertAmount("1", before.get("data.retentionSeries[0].nrr.value"));
        assertEquals(1, (Integer) before.get("data.retentionSeries[0].churnedCustomers"));

        // recorded later: a's upgrade was only to 150, b's cancellation was withdrawn, c's was backdated into March
        f.reversal(expansion);
        f.movement("a", "2024-03-05", "EXPANSION", "100", "150");
        f.reversal(churn);
        f.movement("c", "2024-03-25", "CHURN", "100", "0");
        // and a customer's first payment moved from March back to February (now paying at the start of March)
        String late = f.movement("d", "2024-03-02", "NEW", "0", "40");
        t.syncAll();
        f.reversal(late);
        f.movement("d", "2024-02-20", "NEW", "0", "40");
        t.syncAll();

        JsonPath after = t.series("2024-03-01", "2024-04-01", "MONTH");
        String p = "data.retentionSeries[0].";
        assertEquals(4, (Integer) after.get(p + "payingCustomersStart"));
        assertAmount("340", after.get(p + "mrrStart.amount"));
        assertAmount("50", after.get(p + "expansionMrr.amount"));
        assertAmount("100", after.get(p + "churnMrr.amount"));
        assertEquals(1, (Integer) after.get(p + "churnedCustomers"));
        assertAmount("0.25", after.get(p + "logoChurnRate.value"));
        // (340 + 50 - 100) / 340
        assertAmount("0.8529411765", after.get(p + "nrr.value"));
        JsonPath cohorts = t.ok(CohortRetentionTest.TABLE, java.util.Map.of("r", Gql.range("2024-01-01", "2024-04-01"), "asOf", "2024-05-01"));
        assertEquals(3, (Integer) cohorts.get("data.cohortRetention.rows[0].customers"));
        assertEquals(1, (Integer) cohorts.get("data.cohortRetention.rows[1].customers"));
        assertEquals(0, (Integer) cohorts.get("data.cohortRetention.rows[2].customers"));
        // end of March: a 150, b 100, c gone
        assertEquals(2, (Integer) cohorts.get("data.cohortRetention.rows[0].cells[2].payingCustomers"));
        assertAmount("250", cohorts.get("data.cohortRetention.rows[0].cells[2].mrr.amount"));
    }

    @Test
    void queriesAnswerFromStoredDataWhenRevenueIsUnreachable() {
        FakeRevenue f = FakeRevenue.of("feed-down");
        f.movement("a", "2024-01-05", "NEW", "0", "100");
        Gql t = Gql.as("feed-down");
        t.syncAll();
        f.movement("a", "2024-02-05", "CHURN", "100", "0");
        FakeRevenue.down(true);
        try {
            JsonPath feb = t.series("2024-02-01", "2024-03-01", "MONTH");
            assertEquals(1, (Integer) feb.get("data.retentionSeries[0].payingCustomersStart"));
            assertEquals(0, (Integer) feb.get("data.retentionSeries[0].churnedCustomers"));
            JsonPath status = t.ok(STATUS);
            assertTrue(status.getString("data.retentionFeedStatus.lastError").contains("503"), status.prettify());
            assertNotNull(status.get("data.retentionFeedStatus.lastErrorAt"));
        } finally {
            FakeRevenue.down(false);
        }
        t.syncAll();
        JsonPath status = t.ok(STATUS);
        assertNull(status.get("data.retentionFeedStatus.lastError"));
        JsonPath feb = t.series("2024-02-01", "2024-03-01", "MONTH");
        assertEquals(1, (Integer) feb.get("data.retentionSeries[0].churnedCustomers"));
    }
}
