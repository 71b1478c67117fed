package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.openkpi.acquisition.service.FeedClient.Entry;
import org.openkpi.acquisition.service.FeedClient.Page;
import org.openkpi.acquisition.service.FeedConsumer;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Two replicas of acquisition-service consuming the same tenant's change feed over the same database
 * (deploy/README.md "Scaling out"). Each replica is a caller with its own connection and transaction; all they share
 * is PostgreSQL, where the per-tenant advisory lock and the cursor re-read under it make every entry count once.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class TwoConsumersTest {

    static final String SYNC = "mutation{syncAcquisitionFeed(maxPages:1,pageSize:7){cursor appliedNow pending}}";
    static final String STATUS = "{acquisitionFeedStatus{cursor entriesApplied pending}}";

    @Inject
    FeedConsumer consumer;

    /** Both replicas received the same page (both read the cursor before either stored it): it is applied once. */
    @Test
    void theSamePageAppliedByTwoReplicasAtOnceCountsOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String tenantName = "two-same-" + round;
            TenantId tenant = TenantId.ofStored(tenantName);
            List<Entry> entries = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                entries.add(new Entry(String.valueOf(i), "MOVEMENT", null, "c" + i, LocalDate.parse("2024-01-10"), "NEW",
                        i % 2 == 0 ? "ads" : "organic", Instant.parse("2024-01-10T00:00:00Z")));
            }
            Page page = new Page(entries, "20", false);
            List<Integer> applied = atOnce(() -> consumer.apply(tenant, page), () -> consumer.apply(tenant, page));
            assertEquals(20, applied.get(0) + applied.get(1), "every entry applied by exactly one replica: " + applied);
            assertEquals(0, Math.min(applied.get(0), applied.get(1)), "the replica that waited applied nothing: " + applied);

            Gql t = Gql.as(tenantName);
            assertEquals(20, t.ok(STATUS).getInt("data.acquisitionFeedStatus.entriesApplied"));
            assertEquals(List.of(20), newCustomers(t, "2024-01-01", "2024-02-01"));
        }
    }

    /** Two replicas catching up through the API at the same time, page by page, end with the exact numbers. */
    @Test
    void twoReplicasSyncingAtOnceEndWithExactNumbers() throws Exception {
        Gql a = Gql.as("two-sync");
        Gql b = Gql.as("two-sync");
        for (int i = 0; i < 40; i++) {
            FakeRevenueService.movement(a.tenant, "c" + i, "NEW", "2024-01-" + (10 + i % 15), i % 2 == 0 ? "ads" : "organic");
        }
        for (int i = 0; i < 5; i++) {
            FakeRevenueService.movement(a.tenant, "c" + i, "CHURN", "2024-02-1" + i, i % 2 == 0 ? "ads" : "organic");
        }
        // 45 entries in pages of 7: each round applies at least one new page (the replica that waits on the lock
        // re-reads the cursor and applies what is left of its page, or nothing); no status query in between, as a
        // query would catch the tenant up by itself
        int appliedNow = 0;
        for (int round = 0; round < 7; round++) {
            for (JsonPath answer : atOnce(() -> a.ok(SYNC), () -> b.ok(SYNC))) {
                appliedNow += answer.getInt("data.syncAcquisitionFeed.appliedNow");
            }
        }
        assertEquals(45, appliedNow, "every entry applied by exactly one replica");
        JsonPath status = a.ok(STATUS);
        assertEquals(45, status.getInt("data.acquisitionFeedStatus.entriesApplied"));
        assertEquals(false, status.getBoolean("data.acquisitionFeedStatus.pending"));
        assertEquals("45", status.getString("data.acquisitionFeedStatus.cursor"));
        assertEquals(List.of(40, 0), newCustomers(a, "2024-01-01", "2024-03-01"));
    }

    static List<Integer> newCustomers(Gql t, String from, String to) {
        return t.ok(Gql.FUNNEL, Map.of("r", Gql.range(from, to), "g", "MONTH"))
                .getList("data.funnel.newPayingCustomers", Integer.class);
    }

    /** Runs the calls on threads released together; their results in order. */
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
