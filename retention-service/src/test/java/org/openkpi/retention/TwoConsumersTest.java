package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.openkpi.retention.feed.FeedItem;
import org.openkpi.retention.feed.FeedPage;
import org.openkpi.retention.service.FeedApplier;
import org.openkpi.retention.tenant.TenantId;

/**
 * Two replicas of retention-service consuming the same tenant's change feed over the same database (deploy/README.md
 * "Scaling out"). Each replica is a caller with its own connection and transaction; all they share is PostgreSQL,
 * where the per-tenant advisory lock and the cursor re-read under it make every entry count exactly once.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class TwoConsumersTest {

    static final String SYNC = "mutation { syncRetentionFeed { cursor entriesApplied pending } }";
    static final String STATUS = "{ retentionFeedStatus { cursor entriesApplied pending } }";

    @Inject
    FeedApplier applier;

    /** Both replicas received the same page (both read the cursor before either stored it): it is applied once. */
    @Test
    void theSamePageAppliedByTwoReplicasAtOnceCountsOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String tenantName = "two-same-" + round;
            TenantId tenant = TenantId.ofStored(tenantName);
            List<FeedItem> items = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                items.add(new FeedItem(String.valueOf(i), false, null, "c" + i, LocalDate.parse("2024-01-10"), "NEW",
                        BigDecimal.ZERO, BigDecimal.TEN, "USD", null, null, null, null, Instant.parse("2024-01-10T00:00:00Z")));
            }
            FeedPage page = new FeedPage(items, "20", false);
            List<Integer> applied = atOnce(() -> applier.apply(tenant, page), () -> applier.apply(tenant, page));
            assertEquals(20, applied.get(0) + applied.get(1), "every entry applied by exactly one replica: " + applied);
            assertEquals(0, Math.min(applied.get(0), applied.get(1)), "the replica that waited applied nothing: " + applied);

            Gql t = Gql.as(tenantName);
            assertEquals(20, ((Number) t.ok(STATUS).get("data.retentionFeedStatus.entriesApplied")).intValue());
            JsonPath feb = t.series("2024-02-01", "2024-03-01", "MONTH");
            assertEquals(20, (Integer) feb.get("data.retentionSeries[0].payingCustomersStart"));
            assertAmount("200", feb.get("data.retentionSeries[0].mrrStart.amount"));
        }
    }

    /** Two replicas catching up through the API at the same time, page by page, end with the exact numbers. */
    @Test
    void twoReplicasSyncingAtOnceEndWithExactNumbers() throws Exception {
        FakeRevenue f = FakeRevenue.of("two-sync");
        for (int i = 0; i < 60; i++) {
            f.movement("c" + i, "2024-01-" + (10 + i % 15), "NEW", "0", "10");
        }
        for (int i = 0; i < 6; i++) {
            f.movement("c" + i, "2024-02-1" + i, "CHURN", "10", "0");
        }
        Gql a = Gql.as("two-sync");
        Gql b = Gql.as("two-sync");
        boolean pending = true;
        for (int i = 0; i < 10 && pending; i++) {
            atOnce(() -> a.ok(SYNC), () -> b.ok(SYNC));
            pending = (Boolean) a.ok(STATUS).get("data.retentionFeedStatus.pending");
        }
        JsonPath status = a.ok(STATUS);
        assertEquals(false, status.get("data.retentionFeedStatus.pending"));
        assertEquals(66, ((Number) status.get("data.retentionFeedStatus.entriesApplied")).intValue());
        JsonPath feb = a.series("2024-02-01", "2024-03-01", "MONTH");
        assertEquals(60, (Integer) feb.get("data.retentionSeries[0].payingCustomersStart"));
        assertEquals(6, (Integer) feb.get("data.retentionSeries[0].churnedCustomers"));
        assertAmount("0.1", feb.get("data.retentionSeries[0].logoChurnRate.value"));
        assertAmount("600", feb.get("data.retentionSeries[0].mrrStart.amount"));
    }

    /** Runs both calls on two threads released together; their results in order. */
    @SafeVarargs
    static <T> List<T> atOnce(Callable<T>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CyclicBarrier start = new CyclicBarrier(calls.length);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
