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
 * When the check runs (after the first rows, then each time a tenant's written customers or events double; again at
 * once when a table was busy), which tables it looks at, and what it compares: the estimate, the rows counted up to twice it, and estimates above the safe size left
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
            super(null, null);
            for (String table : TABLES) {
                estimates.put(table, PlannerStatisticsKeeper.SAFE_ESTIMATE);
                rows.put(table, PlannerStatisticsKeeper.SAFE_ESTIMATE);
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
    void checksAfterTheFirstRowsThenEachTimeTheyDoubleCustomersAndEventsApart() {
        FakeStatistics fake = new FakeStatistics(); // every estimate safe
        PlannerStatisticsKeeper keeper = new PlannerStatisticsKeeper(500, fake, new SimpleMeterRegistry());
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 499);
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.CUSTOMERS, 499);
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "below the first threshold");
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 1);
        keeper.checkDue();
        assertEquals(List.of("estimate subscription_event", "estimate mrr_movement", "estimate mrr_component_movement"),
                fake.calls, "the tables that grow with events; safe estimates are not counted");
        fake.calls.clear();
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.CUSTOMERS, 1);
        keeper.checkDue();
        assertEquals(List.of("estimate customer"), fake.calls, "customers: their table");
        fake.calls.clear();
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 499);
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "999 events: the next check is at twice the 500 of the last");
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 1);
        keeper.checkDue();
        assertEquals(3, fake.calls.size(), "1,000 events: " + fake.calls);
        fake.calls.clear();
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "nothing written since");
    }

    @Test
    void whileAnEstimateIsBelowTheSafeSizeChecksComeEveryFirstThresholdOfRows() {
        FakeStatistics fake = new FakeStatistics();
        fake.estimates.put("mrr_movement", 60_000L);
        fake.rows.put("mrr_movement", 100_000L); // less than twice: not analyzed, but watched
        PlannerStatisticsKeeper keeper = new PlannerStatisticsKeeper(500, fake, new SimpleMeterRegistry());
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 500);
        keeper.checkDue();
        assertEquals(List.of("estimate subscription_event", "estimate mrr_movement", "count mrr_movement up to 120001",
                "estimate mrr_component_movement"), fake.calls);
        fake.calls.clear();
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 499);
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "999 events");
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 1);
        keeper.checkDue();
        assertEquals(4, fake.calls.size(), "1,000 events: 500 after the last check, not twice its 500: " + fake.calls);
        fake.calls.clear();
        fake.estimates.put("mrr_movement", PlannerStatisticsKeeper.SAFE_ESTIMATE);
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 500);
        keeper.checkDue();
        assertEquals(3, fake.calls.size(), "1,500 events: " + fake.calls);
        fake.calls.clear();
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 1_499);
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "every estimate safe: the next check at twice the 1,500 of the last");
    }

    @Test
    void analyzesWhereTheTenantHasMoreThanTwiceTheEstimateAndRetriesABusyTable() {
        FakeStatistics fake = new FakeStatistics();
        fake.estimates.put("subscription_event", 10L);
        fake.rows.put("subscription_event", 20L); // exactly twice: left alone
        fake.estimates.put("mrr_movement", 10L);
        fake.rows.put("mrr_movement", 21L); // more than twice 10
        fake.estimates.put("mrr_component_movement", PlannerStatisticsKeeper.SAFE_ESTIMATE);
        fake.rows.put("mrr_component_movement", 100 * PlannerStatisticsKeeper.SAFE_ESTIMATE); // far more, but a safe estimate
        PlannerStatisticsKeeper keeper = new PlannerStatisticsKeeper(100, fake, new SimpleMeterRegistry());

        fake.outcome = PlannerStatistics.Analyze.BUSY;
        keeper.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 100);
        keeper.checkDue();
        assertEquals(List.of("estimate subscription_event", "count subscription_event up to 21", "estimate mrr_movement",
                "count mrr_movement up to 21", "analyze mrr_movement", "estimate mrr_component_movement"), fake.calls);

        fake.calls.clear();
        fake.outcome = PlannerStatistics.Analyze.DONE;
        keeper.checkDue(); // the busy table made the check incomplete: it runs again without new rows
        assertEquals(List.of("estimate subscription_event", "count subscription_event up to 21", "estimate mrr_movement",
                "count mrr_movement up to 21", "analyze mrr_movement", "estimate mrr_component_movement"), fake.calls);
        assertEquals(new PlannerStatisticsKeeper.Check(List.of("mrr_movement"), true, true), keeper.check(TENANT, PlannerStatistics.TABLES));

        fake.calls.clear();
        keeper.checkDue();
        assertEquals(List.of(), fake.calls, "complete, with estimates below the safe size: the next check after another 100 rows");
    }

    @Test
    void aTableTheRoleMayNotAnalyzeLeavesTheCheckComplete() {
        FakeStatistics fake = new FakeStatistics();
        fake.estimates.put("customer", 1L);
        fake.rows.put("customer", 3L);
        fake.outcome = PlannerStatistics.Analyze.NOT_PERMITTED;
        PlannerStatisticsKeeper keeper = new PlannerStatisticsKeeper(100, fake, new SimpleMeterRegistry());
        assertEquals(new PlannerStatisticsKeeper.Check(List.of(), true, true), keeper.check(TENANT, List.of("customer")),
                "nothing analyzed, nothing to retry: the service warns once and goes on");
    }

    @Test
    void zeroTurnsItOffAndNegativeIsRefused() {
        FakeStatistics fake = new FakeStatistics();
        PlannerStatisticsKeeper off = new PlannerStatisticsKeeper(0, fake, new SimpleMeterRegistry());
        off.written(TENANT, PlannerStatisticsKeeper.Written.EVENTS, 1_000_000);
        off.checkDue();
        assertEquals(List.of(), fake.calls);
        assertThrows(IllegalArgumentException.class, () -> new PlannerStatisticsKeeper(-1, fake, new SimpleMeterRegistry()));
    }
}
