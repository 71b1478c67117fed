package org.openkpi.revenue.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.repository.PlannerStatistics;
import org.openkpi.revenue.tenant.TenantId;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * When the check runs (after the first rows, then each time a tenant's written rows double; again at once when a table
 * was busy), and what it compares: the estimate, the rows counted up to twice it, and estimates above the safe size left
 * alone.
 */
class PlannerStatisticsKeeperTest {

    private static final TenantId TENANT = new TenantId("t");

    /** Answers from maps instead of PostgreSQL, and records the calls. */
    @Vetoed
    static class FakeStatistics extends PlannerStatistics {
        final Map<String, Long> estimates = new HashMap<>();
        final Map<String, Long> rows = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        PlannerStatistics.Analyze outcome = PlannerStatistics.Analyze.DONE;

        FakeStatistics() {
            super(null);
            for (String table : TABLES) {
                estimates.put(table, 1_000L);
                rows.put(table, 1_000L);
            }
        }

        @Override
        public long estimatedRows(String table, TenantId tenant) {
            calls.add("estimate " + table);
            return estimates.get(table);
        }

        @Override
        public long rowsUpTo(String table, TenantId tenant, long limit) {
            calls.add("count " + table + " up to " + limit);
            return Math.min(rows.get(table), limit);
        }

        @Override
        public Analyze analyze(String table) {
            calls.add("analyze " + table);
            return outcome;
        }
    }

    @Test
    void checksAfterTheFirstRowsThenEachTimeTheyDouble() {
        FakeStatistics fake = new FakeStatistics();
        PlannerStatisticsKeeper keeper = new PlannerStatisticsKeeper(500, fake, new SimpleMeterRegistry());
        keeper.written(TENANT, 499);
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "below the first threshold");
        keeper.written(TENANT, 1);
        keeper.checkDue();
        assertEquals(8, fake.calls.size(), "an estimate and a count per table: " + fake.calls);
        fake.calls.clear();
        keeper.written(TENANT, 499);
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "999 rows: the next check is at twice the 500 of the last");
        keeper.written(TENANT, 1);
        keeper.checkDue();
        assertEquals(8, fake.calls.size());
        fake.calls.clear();
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "nothing written since");
    }

    @Test
    void analyzesWhereTheTenantHasMoreThanTwiceTheEstimateAndRetriesABusyTable() {
        FakeStatistics fake = new FakeStatistics();
        fake.estimates.put("mrr_movement", 10L);
        fake.rows.put("mrr_movement", 21L); // more than twice 10
        fake.estimates.put("subscription_event", 10L);
        fake.rows.put("subscription_event", 20L); // exactly twice: left alone
        fake.estimates.put("customer", PlannerStatisticsKeeper.SAFE_ESTIMATE);
        fake.rows.put("customer", 100 * PlannerStatisticsKeeper.SAFE_ESTIMATE); // far more, but the estimate is safe
        PlannerStatisticsKeeper keeper = new PlannerStatisticsKeeper(100, fake, new SimpleMeterRegistry());

        fake.outcome = PlannerStatistics.Analyze.BUSY;
        keeper.written(TENANT, 100);
        keeper.checkDue();
        assertEquals(List.of("estimate customer", "estimate subscription_event", "count subscription_event up to 21",
                "estimate mrr_movement", "count mrr_movement up to 21", "analyze mrr_movement",
                "estimate mrr_component_movement", "count mrr_component_movement up to 2001"), fake.calls);

        fake.calls.clear();
        fake.outcome = PlannerStatistics.Analyze.DONE;
        keeper.checkDue(); // the busy table made the check incomplete: it runs again without new rows
        assertEquals(List.of(new PlannerStatisticsKeeper.Check(List.of("mrr_movement"), true)), List.of(keeper.check(TENANT)));
        assertEquals(2, fake.calls.stream().filter("analyze mrr_movement"::equals).count(), "the retried check, then the direct one");

        fake.calls.clear();
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "complete: the next check waits for twice the rows");
    }

    @Test
    void zeroTurnsItOffAndNegativeIsRefused() {
        FakeStatistics fake = new FakeStatistics();
        PlannerStatisticsKeeper off = new PlannerStatisticsKeeper(0, fake, new SimpleMeterRegistry());
        off.written(TENANT, 1_000_000);
        off.checkDue();
        assertEquals(List.of(), fake.calls);
        assertThrows(IllegalArgumentException.class, () -> new PlannerStatisticsKeeper(-1, fake, new SimpleMeterRegistry()));
    }
}
