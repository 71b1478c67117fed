package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Replays the ordered events of one subscription into a step function of its MRR in reporting
 * currency (a list of {@link Segment}s). Scheduled transitions (trial end, a cancellation taking
 * effect, a dunning window running out) fire at their own instants between events. A dunning window
 * that has not run out by {@code now} is reported through {@link #recheckAt()}.
 */
final class SubscriptionReplay {

    private final String customerId;
    private final EngineSettings settings;
    private final FxRates fx;
    private final Map<String, PlanTerms> plans;
    private final Instant now;
    private final int reportingScale;

    private boolean started;
    private boolean cancelled;
    private boolean cancelledByDunning;
    private boolean paused;
    private String planCode;
    private int quantity;
    private BigDecimal discountPercent;
    private BigDecimal discountAmount;
    private Instant trialEnd;
    private Instant pendingCancelAt;
    private Instant pastDueSince;
    private Instant paidThrough;
    private boolean configDirty;
    private BigDecimal currentMrr = BigDecimal.ZERO;
    private String configEventId;
    private Instant recheckAt;
    private final List<Segment> segments = new ArrayList<>();

    SubscriptionReplay(String customerId, EngineSettings settings, FxRates fx, Map<String, PlanTerms> plans, Instant now) {
        this.customerId = customerId;
        this.settings = settings;
        this.fx = fx;
        this.plans = plans;
        this.now = now;
        this.reportingScale = Math.max(0, Currency.getInstance(settings.reportingCurrency()).getDefaultFractionDigits());
    }

    /** A replay that continues from a captured state (see {@link #capture}), its last segment included. */
    SubscriptionReplay(String customerId, EngineSettings settings, FxRates fx, Map<String, PlanTerms> plans, Instant now,
            State from) {
        this(customerId, settings, fx, plans, now);
        started = from.started();
        cancelled = from.cancelled();
        cancelledByDunning = from.cancelledByDunning();
        paused = from.paused();
        planCode = from.planCode();
        quantity = from.quantity();
        discountPercent = from.discountPercent();
        discountAmount = from.discountAmount();
        trialEnd = from.trialEnd();
        pendingCancelAt = from.pendingCancelAt();
        pastDueSince = from.pastDueSince();
        paidThrough = from.paidThrough();
        configDirty = from.configDirty();
        currentMrr = from.currentMrr();
        configEventId = from.configEventId();
        segments.add(from.lastSegment());
    }

    /** @param events the subscription's events in {@link SubscriptionEvent#ORDER} */
    List<Segment> replay(List<SubscriptionEvent> events) {
        apply(events);
        return finish();
    }

    /** Applies events (after those already applied), each after the scheduled transitions due before it. */
    void apply(List<SubscriptionEvent> events) {
        for (SubscriptionEvent event : events) {
            advance(event.effectiveAt());
            apply(event);
            emit(event.effectiveAt());
        }
    }

    /**
     * Fires the scheduled transitions due before {@code before} and returns the state from which a replay of later
     * events can continue. Only valid while no dunning window is open (whether one has run out depends on {@code now}),
     * which callers ensure by not capturing histories with a past-due notice.
     */
    State capture(Instant before) {
        advance(before.minusNanos(1));
        return new State(started, cancelled, cancelledByDunning, paused, planCode, quantity, discountPercent, discountAmount, trialEnd,
                pendingCancelAt, pastDueSince, paidThrough, configDirty, currentMrr, configEventId, segments.get(segments.size() - 1));
    }

    /** Fires every scheduled transition left and returns the whole step function. */
    List<Segment> finish() {
        advance(null);
        return segments;
    }

    /** A subscription's replay state between two events, with its last segment (see {@link #capture}). */
    record State(boolean started, boolean cancelled, boolean cancelledByDunning, boolean paused, String planCode, int quantity,
            BigDecimal discountPercent, BigDecimal discountAmount, Instant trialEnd, Instant pendingCancelAt, Instant pastDueSince,
            Instant paidThrough, boolean configDirty, BigDecimal currentMrr, String configEventId, Segment lastSegment) {

        /** Whether a transition is scheduled after the capture (a trial end or a cancellation taking effect). */
        boolean hasScheduledTransition() {
            return trialEnd != null || pendingCancelAt != null;
        }
    }

    Instant recheckAt() {
        return recheckAt;
    }

    /** Fires the scheduled transitions up to and including {@code limit} (null: all of them). */
    private void advance(Instant limit) {
        while (true) {
            Instant dunningDeadline = pastDueSince == null ? null
                    : pastDueSince.plus(Duration.ofDays(settings.dunningDays()));
            Instant dunningDue = dunningDeadline != null && !dunningDeadline.isAfter(now) ? dunningDeadline : null;
            Instant next = earliest(earliest(trialEnd, pendingCancelAt), dunningDue);
            if (next == null || (limit != null && next.isAfter(limit))) {
                if (limit == null && dunningDeadline != null && dunningDeadline.isAfter(now)) {
                    recheckAt = dunningDeadline;
                }
                return;
            }
            if (next.equals(trialEnd)) {
                trialEnd = null;
                emit(next);
            } else if (next.equals(pendingCancelAt)) {
                pendingCancelAt = null;
                cancelled = true;
                pastDueSince = null;
                emit(next);
            } else {
                churnForDunning();
            }
        }
    }

    /** Unpaid past the dunning window: churn effective at the end of the last paid period. */
    private void churnForDunning() {
        Instant effective = paidThrough;
        pastDueSince = null;
        cancelled = true;
        cancelledByDunning = true;
        trialEnd = null;
        pendingCancelAt = null;
        segments.removeIf(s -> s.at().isAfter(effective));
        if (!segments.isEmpty() && segments.get(segments.size() - 1).at().equals(effective)) {
            segments.remove(segments.size() - 1);
        }
        segments.add(new Segment(effective, BigDecimal.ZERO, planCode));
        currentMrr = BigDecimal.ZERO;
    }

    private void apply(SubscriptionEvent e) {
        if (e.type() != EventType.STARTED && !started) {
            throw new EngineException(customerId, e.externalId(), "subscriptionId",
                    "subscription " + e.subscriptionId() + " has no STARTED event at or before " + e.effectiveAt());
        }
        switch (e.type()) {
            case STARTED -> {
                if (started && !cancelled) {
                    throw new EngineException(customerId, e.externalId(), "type",
                            "subscription " + e.subscriptionId() + " is already started at " + e.effectiveAt());
                }
                started = true;
                cancelled = false;
                cancelledByDunning = false;
                paused = false;
                planCode = requirePlan(e);
                quantity = e.quantity() == null ? 1 : e.quantity();
                discountPercent = null;
                discountAmount = null;
                trialEnd = e.trialEndsAt() != null && e.trialEndsAt().isAfter(e.effectiveAt()) ? e.trialEndsAt() : null;
                pendingCancelAt = null;
                pastDueSince = null;
                configChanged(e);
            }
            case PLAN_CHANGED -> {
                planCode = requirePlan(e);
                configChanged(e);
            }
            case QUANTITY_CHANGED -> {
                quantity = e.quantity();
                configChanged(e);
            }
            case DISCOUNT_APPLIED -> {
                discountPercent = e.discountPercent();
                discountAmount = e.discountAmount();
                configChanged(e);
            }
            case DISCOUNT_REMOVED -> {
                discountPercent = null;
                discountAmount = null;
                configChanged(e);
            }
            case PAUSED -> paused = true;
            case RESUMED -> {
                paused = false;
                configChanged(e);
            }
            case CANCELLATION_REQUESTED -> {
                if (cancelled) {
                    throw new EngineException(customerId, e.externalId(), "type",
                            "subscription " + e.subscriptionId() + " is already cancelled at " + e.effectiveAt());
                }
                Instant effective = settings.churnRecognition() == ChurnRecognition.WHEN_REQUESTED || e.cancelAt() == null
                        ? e.effectiveAt() : e.cancelAt();
                if (effective.isAfter(e.effectiveAt())) {
                    pendingCancelAt = effective;
                } else {
                    cancel();
                }
            }
            case CANCELLED -> cancel();
            case REACTIVATED -> {
                if (!cancelled && pendingCancelAt == null) {
                    throw new EngineException(customerId, e.externalId(), "type",
                            "subscription " + e.subscriptionId() + " is not cancelled at " + e.effectiveAt());
                }
                cancelled = false;
                cancelledByDunning = false;
                pendingCancelAt = null;
                paused = false;
                trialEnd = null;
                if (e.planCode() != null) {
                    planCode = requirePlan(e);
                }
                if (e.quantity() != null) {
                    quantity = e.quantity();
                }
                configChanged(e);
            }
            case PAYMENT_PAST_DUE -> {
                if (!cancelled && pastDueSince == null) {
                    pastDueSince = e.effectiveAt();
                    paidThrough = e.paidThrough() == null ? e.effectiveAt() : e.paidThrough();
                }
            }
            case PAYMENT_SUCCEEDED -> {
                pastDueSince = null;
                if (cancelledByDunning) {
                    cancelled = false;
                    cancelledByDunning = false;
                    configChanged(e);
                }
            }
        }
    }

    private void cancel() {
        cancelled = true;
        pendingCancelAt = null;
        pastDueSince = null;
        trialEnd = null;
    }

    private void configChanged(SubscriptionEvent e) {
        configDirty = true;
        configEventId = e.externalId();
    }

    private String requirePlan(SubscriptionEvent e) {
        if (e.planCode() == null || !plans.containsKey(e.planCode())) {
            throw new EngineException(customerId, e.externalId(), "planCode", "unknown plan " + e.planCode());
        }
        return e.planCode();
    }

    private void emit(Instant at) {
        BigDecimal mrr = mrrAt(at);
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (last.at().equals(at)) {
                segments.remove(segments.size() - 1);
            } else if (last.mrr().compareTo(mrr) == 0 && last.planCode().equals(planCode)) {
                return;
            }
        }
        segments.add(new Segment(at, mrr, planCode));
    }

    private BigDecimal mrrAt(Instant at) {
        boolean active = started && !cancelled && !paused && (trialEnd == null || !at.isBefore(trialEnd));
        if (!active) {
            currentMrr = BigDecimal.ZERO;
            return currentMrr;
        }
        if (currentMrr.signum() > 0 && !configDirty) {
            return currentMrr; // FX moves never re-rate an unchanged subscription
        }
        PlanTerms plan = plans.get(planCode);
        BigDecimal gross = plan.price().multiply(BigDecimal.valueOf(quantity));
        if (discountPercent != null) {
            gross = gross.multiply(BigDecimal.valueOf(100).subtract(discountPercent)).movePointLeft(2);
        }
        if (discountAmount != null) {
            gross = gross.subtract(discountAmount).max(BigDecimal.ZERO);
        }
        LocalDate date = LocalDate.ofInstant(at, settings.zone());
        BigDecimal rate = fx.rate(plan.currency(), date);
        if (rate == null) {
            throw new EngineException(customerId, configEventId, "currency", "no FX rate for " + plan.currency() + " on or before "
                    + date + " (reporting currency " + fx.reportingCurrency() + ")");
        }
        // normalise to one month, then convert; rounded once, to the reporting currency's minor unit
        currentMrr = gross.multiply(rate).divide(BigDecimal.valueOf(plan.intervalMonths()), reportingScale, RoundingMode.HALF_UP);
        configDirty = false;
        return currentMrr;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
