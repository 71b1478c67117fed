package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.engine.ReplayState;
import org.openkpi.revenue.engine.ReplayStateCodec;
import org.openkpi.revenue.service.LedgerService;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events appended on days after a customer's last one continue from its replay state (V5; on the customer row since
 * V7), the one the instance kept or the stored one and the events after it (V9), instead of replaying its history. A
 * tenant fed in chronological batches, with a plan re-priced in between, a dunning history, batch cuts in the middle of
 * a day and its last batch taken by another instance, ends with the same ledgers and rollups, row for row, as a tenant
 * given the same facts at once; an appended batch is shown not to read the history it continues; and a stored state
 * is shown to be rewritten only once it is {@link LedgerService#MAX_EVENTS_BEHIND} events behind.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReplayStateIngestionTest {

    private static final List<String> PLANS = List.of("basic", "pro", "team", "annual");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Inject
    DataSource dataSource;
    @Inject
    OtherInstance otherInstance;

    @Test
    void chronologicalBatchesEndWithTheLedgersOfOneBatch() throws SQLException {
        List<Map<String, Object>> history = history(new Random(11), 80);
        Gql whole = Gql.as("replay-whole");
        whole.plans(plans("219"));
        whole.customers(customers(80));
        whole.events(history);

        Gql chunked = Gql.as("replay-chunked");
        chunked.plans(plans("199"));
        chunked.customers(customers(80));
        // cut at noon: a customer with events on both sides of a cut gets an event on its state's own day (full replay)
        List<Instant> cuts = List.of(Instant.parse("2024-03-15T12:00:00Z"), Instant.parse("2024-06-01T12:00:00Z"),
                Instant.parse("2024-08-20T12:00:00Z"), Instant.MAX);
        Instant from = Instant.MIN;
        for (int i = 0; i < cuts.size(); i++) {
            Instant to = cuts.get(i);
            Instant after = from;
            List<Map<String, Object>> batch = history.stream().filter(e -> {
                Instant at = Instant.parse((String) e.get("effectiveAt"));
                return !at.isBefore(after) && at.isBefore(to);
            }).toList();
            // the last batch by another instance: it continues from the stored states, which earlier batches left behind
            int accepted = i == cuts.size() - 1 ? otherInstance.events("replay-chunked", batch).accepted()
                    : ((Number) chunked.events(batch).get("data.recordSubscriptionEvents.accepted")).intValue();
            assertEquals(batch.size(), accepted);
            if (i == 1) {
                chunked.plans(plans("219")); // re-prices the whole history, the states included
            }
            from = to;
        }

        for (String query : List.of(
                "SELECT customer_id, day, kind, from_mrr, to_mrr, plan_code, components_stored FROM mrr_movement WHERE tenant_id = ?"
                        + " ORDER BY customer_id, day",
                "SELECT customer_id, day, plan_code, kind, from_mrr, to_mrr FROM mrr_component_ledger WHERE tenant_id = ?"
                        + " ORDER BY customer_id, day, plan_code",
                "SELECT dimension, dim_value, day, new_mrr, expansion_mrr, contraction_mrr, churn_mrr, reactivation_mrr, new_customers,"
                        + " reactivated_customers, churned_customers FROM mrr_daily WHERE tenant_id = ? AND (new_mrr, expansion_mrr,"
                        + " contraction_mrr, churn_mrr, reactivation_mrr, new_customers, reactivated_customers, churned_customers)"
                        + " <> (0, 0, 0, 0, 0, 0, 0, 0) ORDER BY dimension, dim_value, day")) {
            List<String> expected = rows(query, "replay-whole");
            assertTrue(expected.size() > 100, query);
            assertEquals(expected, rows(query, "replay-chunked"), query);
        }
        Map<String, ReplayState> expectedStates = states("replay-whole");
        assertEquals(79, expectedStates.size(), "every customer but the one with a past-due notice has a state");
        assertTrue(!expectedStates.containsKey("c-dunning"));
        Map<String, ReplayState> chunkedStates = states("replay-chunked");
        assertEquals(expectedStates.keySet(), chunkedStates.keySet(), "each customer's first evaluation stored its state");
        int current = 0;
        for (Map.Entry<String, ReplayState> e : chunkedStates.entrySet()) {
            if (e.getValue().lastDay().equals(expectedStates.get(e.getKey()).lastDay())) {
                assertEquals(expectedStates.get(e.getKey()), e.getValue(), e.getKey());
                current++;
            }
        }
        assertTrue(current > 10 && current < 79, current + " states of the same day as the whole history's are equal to them,"
                + " the others are behind it");
    }

    /**
     * A settings change re-evaluates every customer and so replaces the states: a batch appended after the tenant
     * switched to recognising churn when requested, and to another zone, ends as if the settings had been so from the
     * start (a stale state would still hold the pending cancellation, and days of the old zone).
     */
    @Test
    void aSettingsChangeReplacesTheStates() throws SQLException {
        List<Map<String, Object>> first = List.of(
                event("s1", "c1", "s", "STARTED", "2024-01-10T09:00:00Z", "planCode", "basic"),
                event("s2", "c1", "s", "CANCELLATION_REQUESTED", "2024-02-10T09:00:00Z", "cancelAt", "2024-04-10T09:00:00Z"),
                event("s3", "c2", "t", "STARTED", "2024-01-10T23:30:00Z", "planCode", "pro"));
        List<Map<String, Object>> second = List.of(
                event("s4", "c1", "s", "REACTIVATED", "2024-03-01T09:00:00Z", "planCode", "pro"),
                event("s5", "c2", "t", "QUANTITY_CHANGED", "2024-03-01T09:00:00Z", "quantity", 2));
        String settings = "mutation{ updateRevenueSettings(settings:{timeZone:\"Pacific/Auckland\",churnRecognition:WHEN_REQUESTED})"
                + "{ timeZone } }";
        Gql changed = Gql.as("replay-settings-changed");
        changed.plans(plans("219"));
        changed.customers(customers(3));
        changed.events(first);
        changed.ok(settings);
        changed.events(second);
        Gql fromStart = Gql.as("replay-settings-from-start");
        fromStart.ok(settings);
        fromStart.plans(plans("219"));
        fromStart.customers(customers(3));
        fromStart.events(first);
        fromStart.events(second);

        String ledger = "SELECT customer_id, day, kind, from_mrr, to_mrr, plan_code FROM mrr_movement WHERE tenant_id = ?"
                + " ORDER BY customer_id, day";
        // Auckland days; c1's cancellation counts when requested, and its reactivation on the pro plan
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 49.0000 basic", "c1 2024-02-10 CHURN 49.0000 0.0000 basic",
                "c1 2024-03-01 REACTIVATION 0.0000 219.0000 pro", "c2 2024-01-11 NEW 0.0000 219.0000 pro",
                "c2 2024-03-01 EXPANSION 219.0000 438.0000 pro"), rows(ledger, "replay-settings-from-start"));
        assertEquals(rows(ledger, "replay-settings-from-start"), rows(ledger, "replay-settings-changed"));
        assertEquals(states("replay-settings-from-start"), states("replay-settings-changed"));
    }

    @Test
    void anAppendedBatchDoesNotReadTheHistoryItContinues() throws SQLException {
        String tenant = "replay-blind";
        Gql t = oneCustomerOnPlanA(tenant);
        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A"),
                event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-02-10T09:00:00Z", "quantity", 2)));
        // the stored state stands in for the history: without it, the next batch could not know s1 was started
        execute("DELETE FROM subscription_event WHERE tenant_id = '" + tenant + "'");
        t.events(List.of(event("e3", "c1", "s1", "QUANTITY_CHANGED", "2024-03-10T09:00:00Z", "quantity", 3)));
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 100.0000", "c1 2024-02-10 EXPANSION 100.0000 200.0000",
                "c1 2024-03-10 EXPANSION 200.0000 300.0000"),
                rows("SELECT customer_id, day, kind, from_mrr, to_mrr FROM mrr_movement WHERE tenant_id = ? ORDER BY day", tenant));
    }

    /**
     * An appended batch whose events cannot follow a customer's state (a reactivation of a subscription that is not
     * cancelled) fails as a whole and names the element, although its evaluation before the lock failed silently and
     * was done again under it; the other customer's event in it is not written.
     */
    @Test
    void anAppendedEventThatCannotFollowTheStateFailsTheWholeBatch() throws SQLException {
        String tenant = "replay-error";
        Gql t = oneCustomerOnPlanA(tenant);
        t.customers(List.of(customer("c2", "DE", "smb", "ads")));
        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A"),
                event("e2", "c2", "s2", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A")));
        List<String> before = rows("SELECT customer_id, day, kind, to_mrr FROM mrr_movement WHERE tenant_id = ? ORDER BY 1, 2", tenant);
        Map<String, ReplayState> statesBefore = states(tenant);
        var r = t.run(Gql.EVENTS, Map.of("e", List.of(
                event("e3", "c2", "s2", "QUANTITY_CHANGED", "2024-02-10T09:00:00Z", "quantity", 2),
                event("e4", "c1", "s1", "REACTIVATED", "2024-02-10T09:00:00Z"))));
        assertEquals("VALIDATION", r.get("errors[0].extensions.code"), r::prettify);
        assertEquals((Integer) 1, r.get("errors[0].extensions.index"), r::prettify);
        assertEquals("type", r.get("errors[0].extensions.field"), r::prettify);
        assertEquals(List.of("e1", "e2"), rows("SELECT external_id FROM subscription_event WHERE tenant_id = ? ORDER BY 1", tenant));
        assertEquals(before, rows("SELECT customer_id, day, kind, to_mrr FROM mrr_movement WHERE tenant_id = ? ORDER BY 1, 2", tenant));
        assertEquals(statesBefore, states(tenant));
    }

    @Test
    void aStateOfAnotherFormatIsReplacedByAFullReplay() throws SQLException {
        String tenant = "replay-format";
        Gql t = oneCustomerOnPlanA(tenant);
        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A")));
        execute("UPDATE customer SET replay_state = '\\x00'::bytea || substring(replay_state from 2) WHERE tenant_id = '" + tenant + "'");
        // another instance, which reads the stored state (this one kept its own)
        otherInstance.events(tenant, List.of(event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-03-10T09:00:00Z", "quantity", 3)));
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 100.0000", "c1 2024-03-10 EXPANSION 100.0000 300.0000"),
                rows("SELECT customer_id, day, kind, from_mrr, to_mrr FROM mrr_movement WHERE tenant_id = ? ORDER BY day", tenant));
        ReplayState state = states(tenant).get("c1");
        assertNotNull(state, "the full replay stored a state of the current format");
        assertEquals(LocalDate.of(2024, 3, 10), state.lastDay());
    }

    /**
     * A stored state behind the customer's history is continued with the stored events after it, also by a batch whose
     * event falls between them; it is stored again once the state reached is {@link LedgerService#MAX_EVENTS_BEHIND}
     * events ahead of it, and not before.
     */
    @Test
    void aStoredStateBehindTheHistoryIsContinuedWithTheEventsAfterIt() throws SQLException {
        String tenant = "replay-behind";
        Gql t = oneCustomerOnPlanA(tenant);
        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A")));
        t.events(List.of(event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-02-10T09:00:00Z", "quantity", 2)));
        assertEquals(LocalDate.of(2024, 1, 10), states(tenant).get("c1").lastDay(), "the first evaluation's state, not the next");
        otherInstance.events(tenant, List.of(event("e3", "c1", "s1", "QUANTITY_CHANGED", "2024-03-10T09:00:00Z", "quantity", 3)));
        otherInstance.events(tenant, List.of(event("e4", "c1", "s1", "QUANTITY_CHANGED", "2024-02-20T09:00:00Z", "quantity", 5)));
        // this instance kept c1 as of e2: the other instances' writes void that
        t.events(List.of(event("e5", "c1", "s1", "QUANTITY_CHANGED", "2024-04-10T09:00:00Z", "quantity", 4)));
        String ledger = "SELECT customer_id, day, kind, from_mrr, to_mrr FROM mrr_movement WHERE tenant_id = ? ORDER BY day";
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 100.0000", "c1 2024-02-10 EXPANSION 100.0000 200.0000",
                "c1 2024-02-20 EXPANSION 200.0000 500.0000", "c1 2024-03-10 CONTRACTION 500.0000 300.0000",
                "c1 2024-04-10 EXPANSION 300.0000 400.0000"), rows(ledger, tenant));
        assertEquals(LocalDate.of(2024, 1, 10), states(tenant).get("c1").lastDay(), "4 events behind");
        // one event a batch: the state reached is stored when it is MAX_EVENTS_BEHIND events ahead of the stored one
        LocalDate day = LocalDate.of(2024, 5, 1);
        for (int behind = 5; behind <= LedgerService.MAX_EVENTS_BEHIND; behind++, day = day.plusDays(1)) {
            t.events(List.of(event("q" + behind, "c1", "s1", "QUANTITY_CHANGED", day + "T09:00:00Z", "quantity", behind)));
            assertEquals(behind < LedgerService.MAX_EVENTS_BEHIND ? LocalDate.of(2024, 1, 10) : day,
                    states(tenant).get("c1").lastDay(), behind + " events ahead");
        }
        assertEquals(5 + LedgerService.MAX_EVENTS_BEHIND - 4, rows(ledger, tenant).size());
        // continued from the state just stored, with no event after it
        otherInstance.events(tenant, List.of(event("q99", "c1", "s1", "QUANTITY_CHANGED", day + "T09:00:00Z", "quantity", 1)));
        List<String> rows = rows(ledger, tenant);
        assertEquals("c1 " + day + " CONTRACTION " + (LedgerService.MAX_EVENTS_BEHIND * 100) + ".0000 100.0000",
                rows.get(rows.size() - 1));
    }

    /** A tenant with plan A at 100 USD a month and customer c1. */
    private static Gql oneCustomerOnPlanA(String tenant) {
        Gql t = Gql.as(tenant);
        t.plans(List.of(plan("A", "100", "USD", 1)));
        t.customers(List.of(customer("c1", "US", "smb", "ads")));
        return t;
    }

    private static List<Map<String, Object>> plans(String proPrice) {
        return List.of(plan("basic", "49", "USD", 1), plan("pro", proPrice, "USD", 1), plan("team", "990", "USD", 3),
                plan("annual", "1200", "USD", 12));
    }

    private static List<Map<String, Object>> customers(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            out.add(customer("c" + i, i % 2 == 0 ? "US" : "DE", i % 3 == 0 ? "ENT" : "SMB", null));
        }
        out.add(customer("c-dunning", "FR", "SMB", null));
        return out;
    }

    /** Valid life cycles with trials, pending cancellations, pauses, discounts and reactivations; one dunning history. */
    private static List<Map<String, Object>> history(Random random, int customers) {
        List<Map<String, Object>> out = new ArrayList<>();
        int id = 0;
        for (int c = 1; c < customers; c++) {
            for (int s = 0; s < 1 + random.nextInt(2); s++) {
                String customer = "c" + c;
                String sub = customer + "-s" + s;
                Instant at = START.plus(Duration.ofMinutes(random.nextInt(150 * 24 * 60)));
                Map<String, Object> start = event("e" + id++, customer, sub, "STARTED", at.toString(), "planCode", pick(random),
                        "quantity", 1 + random.nextInt(3));
                if (random.nextInt(4) == 0) {
                    start.put("trialEndsAt", at.plus(Duration.ofDays(1 + random.nextInt(40))).toString());
                }
                out.add(start);
                String phase = "active";
                for (int k = random.nextInt(10); k > 0; k--) {
                    at = at.plus(Duration.ofMinutes(1 + (random.nextInt(3) == 0 ? random.nextInt(600) : random.nextInt(50 * 24 * 60))));
                    String eid = "e" + id++;
                    String when = at.toString();
                    Map<String, Object> e = switch (phase) {
                        case "paused" -> event(eid, customer, sub, random.nextBoolean() ? "RESUMED" : "CANCELLED", when);
                        case "cancelled" -> event(eid, customer, sub, "REACTIVATED", when);
                        case "pending" -> random.nextBoolean() ? event(eid, customer, sub, "REACTIVATED", when)
                                : event(eid, customer, sub, "QUANTITY_CHANGED", when, "quantity", 1 + random.nextInt(5));
                        default -> switch (random.nextInt(8)) {
                            case 0 -> event(eid, customer, sub, "PLAN_CHANGED", when, "planCode", pick(random));
                            case 1 -> event(eid, customer, sub, "QUANTITY_CHANGED", when, "quantity", 1 + random.nextInt(5));
                            case 2 -> event(eid, customer, sub, "DISCOUNT_APPLIED", when, "discountPercent", 5 + random.nextInt(40));
                            case 3 -> event(eid, customer, sub, "DISCOUNT_REMOVED", when);
                            case 4 -> event(eid, customer, sub, "PAUSED", when);
                            case 5 -> event(eid, customer, sub, "CANCELLATION_REQUESTED", when, "cancelAt",
                                    at.plus(Duration.ofDays(random.nextInt(60))).toString());
                            default -> event(eid, customer, sub, "CANCELLED", when);
                        };
                    };
                    out.add(e);
                    phase = switch ((String) e.get("type")) {
                        case "PAUSED" -> "paused";
                        case "CANCELLED" -> "cancelled";
                        case "CANCELLATION_REQUESTED" -> "pending";
                        case "RESUMED", "REACTIVATED" -> "active";
                        default -> phase;
                    };
                }
            }
        }
        // unpaid past the 30-day window (churned at the end of the paid period), paid later (back), then an upgrade
        out.add(event("d1", "c-dunning", "d", "STARTED", "2024-01-05T10:00:00Z", "planCode", "pro"));
        out.add(event("d2", "c-dunning", "d", "PAYMENT_PAST_DUE", "2024-04-10T10:00:00Z", "paidThrough", "2024-04-05T10:00:00Z"));
        out.add(event("d3", "c-dunning", "d", "PAYMENT_SUCCEEDED", "2024-06-10T10:00:00Z"));
        out.add(event("d4", "c-dunning", "d", "QUANTITY_CHANGED", "2024-09-10T10:00:00Z", "quantity", 2));
        return out;
    }

    private static String pick(Random random) {
        return PLANS.get(random.nextInt(PLANS.size()));
    }

    private Map<String, ReplayState> states(String tenant) throws SQLException {
        Map<String, ReplayState> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT external_id, replay_state FROM customer WHERE tenant_id = ? AND replay_state IS NOT NULL")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), ReplayStateCodec.decode(rs.getBytes(2)));
                }
            }
        }
        return out;
    }

    private List<String> rows(String query, String tenant) throws SQLException {
        return TenantRows.rows(dataSource, query, tenant);
    }

    private void execute(String sql) throws SQLException {
        TenantRows.execute(dataSource, sql);
    }
}
