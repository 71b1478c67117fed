package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives a customer's MRR movement ledger from its whole subscription history. It is a pure
 * function of the events, the plans, the FX rates, the tenant settings and {@code now} (which only
 * decides whether a dunning window has run out), so a backdated fact is handled by evaluating the
 * customer again and replacing what changed.
 */
public final class MovementEngine {

    private final EngineSettings settings;
    private final FxRates fx;
    private final Map<String, PlanTerms> plans;
    private final Instant now;

    public MovementEngine(EngineSettings settings, FxRates fx, Map<String, PlanTerms> plans, Instant now) {
        this.settings = settings;
        this.fx = fx;
        this.plans = plans;
        this.now = now;
    }

    /** @param events every event of the customer, in any order */
    public CustomerLedger evaluate(String customerId, List<SubscriptionEvent> events) {
        Map<String, List<SubscriptionEvent>> bySubscription = new TreeMap<>();
        for (SubscriptionEvent e : events) {
            bySubscription.computeIfAbsent(e.subscriptionId(), k -> new ArrayList<>()).add(e);
        }
        List<List<Segment>> timelines = new ArrayList<>();
        Instant recheckAt = null;
        TreeSet<LocalDate> days = new TreeSet<>();
        for (List<SubscriptionEvent> subEvents : bySubscription.values()) {
            subEvents.sort(SubscriptionEvent.ORDER);
            SubscriptionReplay replay = new SubscriptionReplay(customerId, settings, fx, plans, now);
            List<Segment> segments = replay.replay(subEvents);
            timelines.add(segments);
            for (Segment s : segments) {
                days.add(LocalDate.ofInstant(s.at(), settings.zone()));
            }
            if (replay.recheckAt() != null && (recheckAt == null || replay.recheckAt().isBefore(recheckAt))) {
                recheckAt = replay.recheckAt();
            }
        }

        List<LedgerMovement> movements = new ArrayList<>();
        List<ComponentMovement> components = new ArrayList<>();
        int[] cursor = new int[timelines.size()];
        BigDecimal previousTotal = BigDecimal.ZERO;
        Map<String, BigDecimal> previousByPlan = new HashMap<>();
        boolean everPaid = false;
        Set<String> plansEverPaid = new HashSet<>();
        for (LocalDate day : days) {
            Instant endOfDay = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
            Map<String, BigDecimal> byPlan = new LinkedHashMap<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < timelines.size(); i++) {
                List<Segment> segments = timelines.get(i);
                while (cursor[i] + 1 < segments.size() && segments.get(cursor[i] + 1).at().isBefore(endOfDay)) {
                    cursor[i]++;
                }
                Segment current = segments.get(cursor[i]);
                if (current.at().isBefore(endOfDay) && current.mrr().signum() > 0) {
                    byPlan.merge(current.planCode(), current.mrr(), BigDecimal::add);
                    total = total.add(current.mrr());
                }
            }
            MovementKind kind = MovementKind.classify(previousTotal, total, everPaid);
            if (kind != null) {
                String mainPlan = mainPlan(kind == MovementKind.CHURN ? previousByPlan : byPlan);
                movements.add(new LedgerMovement(customerId, day, kind, previousTotal, total, mainPlan));
            }
            Set<String> touched = new TreeSet<>(previousByPlan.keySet());
            touched.addAll(byPlan.keySet());
            for (String plan : touched) {
                BigDecimal before = previousByPlan.getOrDefault(plan, BigDecimal.ZERO);
                BigDecimal after = byPlan.getOrDefault(plan, BigDecimal.ZERO);
                MovementKind componentKind = MovementKind.classify(before, after, plansEverPaid.contains(plan));
                if (componentKind != null) {
                    components.add(new ComponentMovement(customerId, plan, day, componentKind, before, after));
                }
                if (after.signum() > 0) {
                    plansEverPaid.add(plan);
                }
            }
            if (total.signum() > 0) {
                everPaid = true;
            }
            previousTotal = total;
            previousByPlan = byPlan;
        }
        return new CustomerLedger(customerId, movements, components, recheckAt);
    }

    /**
     * The earliest instant from which the ledger derived from {@code history} can differ from the one
     * derived before events effective at or after {@code changedAt} were added to it. Replay is causal,
     * with one exception: a dunning window that runs out churns the subscription effective at the end of
     * its last paid period, which can lie before the event (or the evaluation time) that makes the window
     * count. So any past-due notice in the history pulls the bound back to its paid-through instant.
     *
     * @param history every event of the customer, the added ones included
     */
    public static Instant earliestAffected(List<SubscriptionEvent> history, Instant changedAt) {
        Instant earliest = changedAt;
        for (SubscriptionEvent e : history) {
            if (e.type() == EventType.PAYMENT_PAST_DUE) {
                Instant paidThrough = e.paidThrough() == null || e.paidThrough().isAfter(e.effectiveAt())
                        ? e.effectiveAt() : e.paidThrough();
                if (paidThrough.isBefore(earliest)) {
                    earliest = paidThrough;
                }
            }
        }
        return earliest;
    }

    private static String mainPlan(Map<String, BigDecimal> byPlan) {
        String best = null;
        BigDecimal bestMrr = null;
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(byPlan).entrySet()) {
            if (bestMrr == null || e.getValue().compareTo(bestMrr) > 0) {
                best = e.getKey();
                bestMrr = e.getValue();
            }
        }
        return best;
    }
}
