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
 * customer again and replacing what changed. Events appended after a customer's last day can instead continue from the
 * {@link ReplayState} its last evaluation returned.
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

    /**
     * Derives the customer's whole ledger, and (for a history without a past-due notice) the state from which
     * {@link #resume} can continue.
     *
     * @param events every event of the customer, in any order
     */
    public CustomerLedger evaluate(String customerId, List<SubscriptionEvent> events) {
        return run(customerId, null, events);
    }

    /**
     * Continues an evaluation from a state with events on days after its last day ({@link ReplayState#accepts}). The
     * ledger rows returned are those of the days after {@link ReplayState#lastDay()}, equal to what {@link #evaluate}
     * derives for those days from the whole history.
     *
     * @param added the events after the state, in any order
     */
    public CustomerLedger resume(String customerId, ReplayState from, List<SubscriptionEvent> added) {
        if (!from.accepts(added, settings.zone())) {
            throw new IllegalArgumentException("customer " + customerId + ": events do not all follow the state's last day "
                    + from.lastDay());
        }
        return run(customerId, from, added);
    }

    private CustomerLedger run(String customerId, ReplayState from, List<SubscriptionEvent> events) {
        Map<String, List<SubscriptionEvent>> bySubscription = new TreeMap<>();
        if (from != null) {
            from.subscriptions().keySet().forEach(id -> bySubscription.put(id, new ArrayList<>()));
        }
        LocalDate lastDay = from == null ? null : from.lastDay();
        boolean capture = !events.isEmpty();
        for (SubscriptionEvent e : events) {
            bySubscription.computeIfAbsent(e.subscriptionId(), k -> new ArrayList<>()).add(e);
            LocalDate day = LocalDate.ofInstant(e.effectiveAt(), settings.zone());
            if (lastDay == null || day.isAfter(lastDay)) {
                lastDay = day;
            }
            capture &= e.type() != EventType.PAYMENT_PAST_DUE;
        }
        Instant captureBefore = capture ? lastDay.plusDays(1).atStartOfDay(settings.zone()).toInstant() : null;
        Map<String, SubscriptionReplay.State> captured = new TreeMap<>();
        List<List<Segment>> timelines = new ArrayList<>();
        Instant recheckAt = null;
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Map.Entry<String, List<SubscriptionEvent>> entry : bySubscription.entrySet()) {
            List<SubscriptionEvent> subEvents = entry.getValue();
            subEvents.sort(SubscriptionEvent.ORDER);
            SubscriptionReplay.State resumed = from == null ? null : from.subscriptions().get(entry.getKey());
            SubscriptionReplay replay = resumed == null ? new SubscriptionReplay(customerId, settings, fx, plans, now)
                    : new SubscriptionReplay(customerId, settings, fx, plans, now, resumed);
            replay.apply(subEvents);
            if (capture) {
                captured.put(entry.getKey(), replay.capture(captureBefore));
            }
            List<Segment> segments = replay.finish();
            timelines.add(segments);
            for (Segment s : segments) {
                LocalDate day = LocalDate.ofInstant(s.at(), settings.zone());
                if (from == null || day.isAfter(from.lastDay())) {
                    days.add(day);
                }
            }
            if (replay.recheckAt() != null && (recheckAt == null || replay.recheckAt().isBefore(recheckAt))) {
                recheckAt = replay.recheckAt();
            }
        }

        List<LedgerMovement> movements = new ArrayList<>();
        List<ComponentMovement> components = new ArrayList<>();
        int[] cursor = new int[timelines.size()];
        BigDecimal previousTotal = from == null ? BigDecimal.ZERO : from.previousTotal();
        Map<String, BigDecimal> previousByPlan = from == null ? new HashMap<>() : from.previousByPlan();
        boolean everPaid = from != null && from.everPaid();
        Set<String> plansEverPaid = from == null ? new HashSet<>() : new HashSet<>(from.plansEverPaid());
        ReplayState state = null;
        for (LocalDate day : days) {
            if (capture && state == null && day.isAfter(lastDay)) {
                state = state(lastDay, previousTotal, previousByPlan, everPaid, plansEverPaid, captured);
            }
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
        if (capture && state == null) {
            state = state(lastDay, previousTotal, previousByPlan, everPaid, plansEverPaid, captured);
        }
        return new CustomerLedger(customerId, movements, components, recheckAt, state);
    }

    /** The state at the end of {@code lastDay}: the merge's running totals then, with the subscriptions' states. */
    private static ReplayState state(LocalDate lastDay, BigDecimal total, Map<String, BigDecimal> byPlan, boolean everPaid,
            Set<String> plansEverPaid, Map<String, SubscriptionReplay.State> subscriptions) {
        return new ReplayState(lastDay, total, Map.copyOf(byPlan), everPaid, Set.copyOf(plansEverPaid), subscriptions);
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
