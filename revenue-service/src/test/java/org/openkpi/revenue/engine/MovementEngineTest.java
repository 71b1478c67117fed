package org.openkpi.revenue.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The engine alone: netting, scheduled transitions and history errors. */
class MovementEngineTest {

    private static final Map<String, PlanTerms> PLANS = Map.of(
            "a", new PlanTerms("a", new BigDecimal("100"), "USD", 1),
            "b", new PlanTerms("b", new BigDecimal("150"), "USD", 1),
            "y", new PlanTerms("y", new BigDecimal("1000"), "USD", 12));

    private static MovementEngine engine(Instant now) {
        return new MovementEngine(new EngineSettings("USD", ZoneOffset.UTC, ChurnRecognition.AT_PERIOD_END, 30),
                new FxRates("USD"), PLANS, now);
    }

    private static SubscriptionEvent e(String id, String sub, EventType type, String at, String plan) {
        return new SubscriptionEvent(id, "c", sub, type, Instant.parse(at), plan, null, null, null, null, null, null);
    }

    private static List<String> summary(CustomerLedger ledger) {
        return ledger.movements().stream().map(m -> m.day() + " " + m.kind() + " " + m.fromMrr().toPlainString() + "->"
                + m.toMrr().toPlainString()).toList();
    }

    @Test
    void changesOfOneDayAreNettedIntoOneMovementOrNone() {
        CustomerLedger ledger = engine(Instant.parse("2030-01-01T00:00:00Z")).evaluate("c", List.of(
                e("1", "s", EventType.STARTED, "2024-01-01T10:00:00Z", "a"),
                e("2", "s", EventType.PLAN_CHANGED, "2024-02-01T09:00:00Z", "b"),
                e("3", "s", EventType.PLAN_CHANGED, "2024-02-01T17:00:00Z", "a"),
                e("4", "s", EventType.PLAN_CHANGED, "2024-03-01T09:00:00Z", "b"),
                e("5", "s", EventType.CANCELLED, "2024-03-01T18:00:00Z", null)));
        // Feb 1: up and back down the same day is no movement; Mar 1: upgrade then cancel nets to churn of 100
        assertEquals(List.of("2024-01-01 NEW 0->100.00", "2024-03-01 CHURN 100.00->0"), summary(ledger));
    }

    @Test
    void aPlanChangeDuringATrialSetsTheMrrAtTrialEnd() {
        SubscriptionEvent start = new SubscriptionEvent("1", "c", "s", EventType.STARTED, Instant.parse("2024-01-01T00:00:00Z"),
                "a", 2, Instant.parse("2024-01-15T00:00:00Z"), null, null, null, null);
        CustomerLedger ledger = engine(Instant.parse("2030-01-01T00:00:00Z")).evaluate("c", List.of(start,
                e("2", "s", EventType.PLAN_CHANGED, "2024-01-10T00:00:00Z", "y")));
        assertEquals(List.of("2024-01-15 NEW 0->166.67"), summary(ledger));
    }

    @Test
    void aReactivationWithdrawsAPendingCancellation() {
        SubscriptionEvent cancel = new SubscriptionEvent("2", "c", "s", EventType.CANCELLATION_REQUESTED,
                Instant.parse("2024-01-20T00:00:00Z"), null, null, null, null, null, Instant.parse("2024-02-01T00:00:00Z"), null);
        CustomerLedger ledger = engine(Instant.parse("2030-01-01T00:00:00Z")).evaluate("c", List.of(
                e("1", "s", EventType.STARTED, "2024-01-01T00:00:00Z", "a"), cancel,
                e("3", "s", EventType.REACTIVATED, "2024-01-25T00:00:00Z", null)));
        assertEquals(List.of("2024-01-01 NEW 0->100.00"), summary(ledger));
    }

    @Test
    void anOpenDunningWindowAsksToBeEvaluatedAgainWhenItRunsOut() {
        SubscriptionEvent pastDue = new SubscriptionEvent("2", "c", "s", EventType.PAYMENT_PAST_DUE,
                Instant.parse("2024-03-01T00:00:00Z"), null, null, null, null, null, null, Instant.parse("2024-02-28T00:00:00Z"));
        List<SubscriptionEvent> history = List.of(e("1", "s", EventType.STARTED, "2024-01-01T00:00:00Z", "a"), pastDue);
        CustomerLedger during = engine(Instant.parse("2024-03-10T00:00:00Z")).evaluate("c", history);
        assertEquals(List.of("2024-01-01 NEW 0->100.00"), summary(during));
        assertEquals(Instant.parse("2024-03-31T00:00:00Z"), during.recheckAt());
        CustomerLedger after = engine(Instant.parse("2024-04-01T00:00:00Z")).evaluate("c", history);
        assertEquals(List.of("2024-01-01 NEW 0->100.00", "2024-02-28 CHURN 100.00->0"), summary(after));
        assertNull(after.recheckAt());
    }

    @Test
    void planComponentsAreClassifiedOnTheirOwnPart() {
        CustomerLedger ledger = engine(Instant.parse("2030-01-01T00:00:00Z")).evaluate("c", List.of(
                e("1", "s1", EventType.STARTED, "2024-01-01T00:00:00Z", "a"),
                e("2", "s2", EventType.STARTED, "2024-02-01T00:00:00Z", "b"),
                e("3", "s1", EventType.CANCELLED, "2024-03-01T00:00:00Z", null)));
        assertEquals(List.of("2024-01-01 NEW 0->100.00", "2024-02-01 EXPANSION 100.00->250.00",
                "2024-03-01 CONTRACTION 250.00->150.00"), summary(ledger));
        assertEquals(List.of("a NEW", "b NEW", "a CHURN"),
                ledger.components().stream().map(c -> c.planCode() + " " + c.kind()).toList());
        assertEquals("b", ledger.movements().get(2).planCode());
    }

    @Test
    void inconsistentHistoriesNameTheEvent() {
        EngineException doubleStart = assertThrows(EngineException.class, () -> engine(Instant.now()).evaluate("c", List.of(
                e("1", "s", EventType.STARTED, "2024-01-01T00:00:00Z", "a"),
                e("2", "s", EventType.STARTED, "2024-02-01T00:00:00Z", "a"))));
        assertEquals("2", doubleStart.eventExternalId());
        EngineException reactivateActive = assertThrows(EngineException.class, () -> engine(Instant.now()).evaluate("c", List.of(
                e("1", "s", EventType.STARTED, "2024-01-01T00:00:00Z", "a"),
                e("2", "s", EventType.REACTIVATED, "2024-02-01T00:00:00Z", null))));
        assertEquals("type", reactivateActive.field());
    }

    @Test
    void classification() {
        assertEquals(MovementKind.NEW, MovementKind.classify(BigDecimal.ZERO, BigDecimal.TEN, false));
        assertEquals(MovementKind.REACTIVATION, MovementKind.classify(BigDecimal.ZERO, BigDecimal.TEN, true));
        assertEquals(MovementKind.EXPANSION, MovementKind.classify(BigDecimal.ONE, BigDecimal.TEN, true));
        assertEquals(MovementKind.CONTRACTION, MovementKind.classify(BigDecimal.TEN, BigDecimal.ONE, true));
        assertEquals(MovementKind.CHURN, MovementKind.classify(BigDecimal.TEN, BigDecimal.ZERO, true));
        assertNull(MovementKind.classify(new BigDecimal("10.0"), BigDecimal.TEN, true));
    }
}
