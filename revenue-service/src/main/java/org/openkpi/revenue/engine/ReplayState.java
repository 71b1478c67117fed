package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where a customer's evaluation stands at the end of the day of its last event: each subscription's replay state and the
 * day-by-day merge's running totals. {@link MovementEngine#resume} continues from it with events on later days and
 * derives the same ledger rows for those days, and the same next state, as a replay of the whole history would (a
 * property test holds it to that). It exists only for histories without a past-due notice: whether a dunning window has
 * run out depends on the evaluation time, and its churn reaches back before the event that opened it.
 *
 * @param lastDay the day (in the tenant's zone) of the customer's last event
 * @param previousTotal the customer's MRR at the end of {@code lastDay}
 * @param previousByPlan its MRR per plan then (plans with a positive MRR)
 * @param everPaid whether its MRR was ever positive up to then
 * @param plansEverPaid the plans whose MRR was ever positive up to then
 * @param subscriptions per subscription id, its replay state at the end of {@code lastDay}
 */
public record ReplayState(LocalDate lastDay, BigDecimal previousTotal, Map<String, BigDecimal> previousByPlan, boolean everPaid,
        Set<String> plansEverPaid, Map<String, SubscriptionReplay.State> subscriptions) {

    /** Whether {@link MovementEngine#resume} can continue from this state with these events (all of them new). */
    public boolean accepts(Collection<SubscriptionEvent> added, ZoneId zone) {
        if (added.isEmpty()) {
            return false;
        }
        Instant firstAllowed = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        for (SubscriptionEvent e : added) {
            if (e.effectiveAt().isBefore(firstAllowed) || e.type() == EventType.PAYMENT_PAST_DUE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the stored ledger can hold rows after {@link #lastDay}: a trial end or a cancellation taking effect is
     * scheduled after it. Without one, the ledger ends at {@code lastDay}.
     */
    public boolean hasScheduledTransition() {
        for (SubscriptionReplay.State s : subscriptions.values()) {
            if (s.hasScheduledTransition()) {
                return true;
            }
        }
        return false;
    }
}
