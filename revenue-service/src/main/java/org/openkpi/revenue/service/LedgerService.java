package org.openkpi.revenue.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.engine.CustomerLedger;
import org.openkpi.revenue.engine.EngineException;
import org.openkpi.revenue.engine.FxRates;
import org.openkpi.revenue.engine.MovementEngine;
import org.openkpi.revenue.engine.PlanTerms;
import org.openkpi.revenue.engine.ReplayState;
import org.openkpi.revenue.engine.ReplayStateCodec;
import org.openkpi.revenue.engine.SubscriptionEvent;
import org.openkpi.revenue.repository.CustomerRepository;
import org.openkpi.revenue.repository.CustomerRow;
import org.openkpi.revenue.repository.FeedRepository;
import org.openkpi.revenue.repository.FeedRepository.EntryType;
import org.openkpi.revenue.repository.FeedRepository.FeedRow;
import org.openkpi.revenue.repository.FxRateRepository;
import org.openkpi.revenue.repository.Jdbc;
import org.openkpi.revenue.repository.LedgerRepository;
import org.openkpi.revenue.repository.PlanRepository;
import org.openkpi.revenue.repository.ReplayStateRepository;
import org.openkpi.revenue.repository.RollupDelta;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.repository.SettingsRow;
import org.openkpi.revenue.repository.StoredMovement;
import org.openkpi.revenue.repository.SubscriptionEventRepository;
import org.openkpi.revenue.tenant.TenantId;
import org.openkpi.revenue.util.Maps;

/**
 * Keeps the movement ledgers, their rollups and the change feed equal to what the engine derives from
 * the stored facts. Callers run inside a write transaction that holds the tenant lock.
 */
@ApplicationScoped
public class LedgerService {

    static final String NONE = "";

    /**
     * A replay state continued by fewer events than this since the customer's stored one is not stored (one customer-row
     * update per customer and batch saved); the instance keeps it in its cache, and whoever continues from the stored
     * state reads the events after it (see {@link KnownState}).
     */
    public static final int MAX_EVENTS_BEHIND = 16;
    private static final int CHUNK = 5000;

    private final SettingsRepository settings;
    private final PlanRepository plans;
    private final FxRateRepository fxRates;
    private final SubscriptionEventRepository events;
    private final CustomerRepository customers;
    private final LedgerRepository ledger;
    private final FeedRepository feed;
    private final ReplayStateRepository replayStates;
    private final Clock clock;

    public LedgerService(SettingsRepository settings, PlanRepository plans, FxRateRepository fxRates,
            SubscriptionEventRepository events, CustomerRepository customers, LedgerRepository ledger, FeedRepository feed,
            ReplayStateRepository replayStates, Clock clock) {
        this.settings = settings;
        this.plans = plans;
        this.fxRates = fxRates;
        this.events = events;
        this.customers = customers;
        this.ledger = ledger;
        this.feed = feed;
        this.replayStates = replayStates;
        this.clock = clock;
    }

    /** Marks a customer whose whole ledger must be evaluated again (rather than from an instant on). */
    public static final Instant WHOLE_HISTORY = Instant.MIN;

    /**
     * Evaluates the customers again, over their whole history, and writes what changed.
     *
     * @param onError turns an engine error (naming an event) into the API error to report
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(TenantId tenant, Collection<String> customerIds, Function<EngineException, ApiException> onError) {
        Map<String, Instant> whole = new LinkedHashMap<>();
        customerIds.forEach(id -> whole.put(id, WHOLE_HISTORY));
        recompute(tenant, whole, onError);
    }

    /**
     * Evaluates the customers again and writes what changed. Each customer is replayed in full (its
     * history decides its state), but only its ledger rows from the day of {@code changedFrom} on (or
     * from where {@link MovementEngine#earliestAffected} says the change can reach) are read and compared:
     * for events appended at the end of a history that is one day, not the whole ledger.
     *
     * @param changedFrom per customer, the earliest effective instant among its added events, or
     *        {@link #WHOLE_HISTORY} when anything else changed (a replaced event, a plan, a rate, a setting)
     * @param onError turns an engine error (naming an event) into the API error to report
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(TenantId tenant, Map<String, Instant> changedFrom, Function<EngineException, ApiException> onError) {
        recompute(tenant, changedFrom, Map.of(), Map.of(), onError);
    }

    /**
     * Reads, for customers about to receive the given events, the stored state their evaluation under the lock
     * will need, and only that: when a customer's events all fall on days after its replay state's last day, that state
     * and the stored events after it (for a state the instance kept, which is current, none; for the database's, which
     * may be behind, its events after the state's day), and its ledger rows after that day unless it can have none (a state
     * continued by no stored event, with no trial end or cancellation scheduled); otherwise its events, and its ledger
     * rows from the earliest day these events can change. Runs before the tenant lock; the caller uses a snapshot only if
     * no write touched the customer since (see {@link org.openkpi.revenue.repository.TenantLock#changedSince}).
     *
     * @param batchEvents per customer, the events of the batch (new or not)
     * @param earliestEvent per customer, the earliest effective instant among its batch events
     * @param knownStates per customer of the batch, its replay state, if any: kept by this instance, or the database's
     *        (read with its customer row, {@link org.openkpi.revenue.repository.CustomerRepository#findWithReplayStates})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, CustomerSnapshot> snapshot(TenantId tenant, Map<String, List<SubscriptionEvent>> batchEvents,
            Map<String, Instant> earliestEvent, Map<String, KnownState> knownStates) {
        ZoneId zone = settings.find(tenant).zone();
        // per customer of the batch (by position): its state, if the batch's events can continue it
        int n = batchEvents.size();
        String[] ids = new String[n];
        ReplayState[] states = new ReplayState[n];
        int[] behind = new int[n];
        List<String> withoutState = new ArrayList<>();
        Map<String, Instant> afterStoredState = new HashMap<>();
        int k = 0;
        for (Map.Entry<String, List<SubscriptionEvent>> entry : batchEvents.entrySet()) {
            String customerId = entry.getKey();
            KnownState known = knownStates.get(customerId);
            ReplayState state = known == null ? null : ReplayStateCodec.decode(known.state());
            if (state != null && !state.accepts(entry.getValue(), zone)) {
                state = null;
            }
            ids[k] = customerId;
            if (state == null) {
                withoutState.add(customerId);
            } else if (known.behind() == KnownState.UNKNOWN) {
                afterStoredState.put(customerId, state.lastDay().plusDays(1).atStartOfDay(zone).toInstant());
            } else {
                behind[k] = known.behind();
            }
            states[k++] = state;
        }
        Map<String, List<SubscriptionEvent>> stored = events.findByCustomers(tenant, withoutState);
        // (a stored state that these events cannot continue is not used: the evaluation checks each snapshot's state
        // against its events and reads the whole history instead)
        Map<String, List<SubscriptionEvent>> afterState = events.findAfter(tenant, afterStoredState);
        LocalDate[] fromDay = new LocalDate[n];
        boolean[] rowsRead = new boolean[n];
        Map<String, LocalDate> readFrom = Maps.linkedHashMap(withoutState.size());
        for (int i = 0; i < n; i++) {
            String customerId = ids[i];
            Instant earliest = earliestEvent.get(customerId);
            LocalDate day;
            if (states[i] != null) {
                day = LocalDate.ofInstant(earliest, zone);
            } else {
                List<SubscriptionEvent> history = new ArrayList<>(stored.getOrDefault(customerId, List.of()));
                history.addAll(batchEvents.get(customerId));
                day = LocalDate.ofInstant(MovementEngine.earliestAffected(history, earliest), zone);
            }
            fromDay[i] = day;
            rowsRead[i] = states[i] == null || states[i].hasScheduledTransition() || afterState.containsKey(customerId);
            if (rowsRead[i]) {
                readFrom.put(customerId, day);
            }
        }
        Map<String, List<StoredMovement>> movements = ledger.customerMovements(tenant, readFrom);
        Map<String, List<StoredMovement>> components = ledger.componentMovements(tenant, readFrom);
        Map<String, CustomerSnapshot> out = Maps.hashMap(n);
        for (int i = 0; i < n; i++) {
            String customerId = ids[i];
            List<SubscriptionEvent> events = states[i] == null ? stored.getOrDefault(customerId, List.of())
                    : afterState.getOrDefault(customerId, List.of());
            out.put(customerId, new CustomerSnapshot(events, states[i], behind[i], fromDay[i],
                    rowsRead[i] ? movements.getOrDefault(customerId, List.of()) : List.of(),
                    rowsRead[i] ? components.getOrDefault(customerId, List.of()) : List.of()));
        }
        return out;
    }

    /**
     * As {@link #recompute(TenantId, Map, Function)}, with some customers' rows and stored state already at hand.
     *
     * @param knownCustomers customers' rows read in this transaction under the tenant lock (not read again)
     * @param snapshots per customer, its whole event history (the batch's events included) and its ledger rows from
     *        a day on, still valid under the lock; used for customers not evaluated over their whole history whose
     *        changes start no earlier than the snapshot's rows
     * @return the replay states the evaluation reached, per customer (null where the customer has none): one per
     *         customer evaluated
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, KnownState> recompute(TenantId tenant, Map<String, Instant> changedFrom, Map<String, CustomerRow> knownCustomers,
            Map<String, CustomerSnapshot> snapshots, Function<EngineException, ApiException> onError) {
        Map<String, KnownState> written = Maps.hashMap(changedFrom.size());
        if (!changedFrom.isEmpty()) {
            evaluateInChunks(tenant, changedFrom, knownCustomers, snapshots, onError,
                    changes -> apply(tenant, plan(tenant, changes), written));
        }
        return written;
    }

    /**
     * Evaluates, before the tenant lock, customers about to receive only new events, from their snapshots (which hold
     * all it needs, so nothing is read; nothing is written), and returns what
     * {@link #recompute(TenantId, Map, Map, Map, Function)} would write under the lock if no write touched them
     * meanwhile. The caller writes it with {@link #write(TenantId, PreparedChanges)} only when that holds and the
     * batch's events all turned out new.
     *
     * @param changedFrom per customer, the earliest effective instant among its batch events (all of them new)
     * @param knownCustomers the customers' rows, as read with the snapshots
     * @param snapshots per customer, its snapshot with the batch's events added
     * @return the changes, or empty when a customer has no snapshot or an evaluation fails (under the lock, the batch is
     *         then evaluated as usual, which reports the failure)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PreparedChanges> prepare(TenantId tenant, Map<String, Instant> changedFrom, Map<String, CustomerRow> knownCustomers,
            Map<String, CustomerSnapshot> snapshots) {
        if (changedFrom.isEmpty() || !snapshots.keySet().containsAll(changedFrom.keySet())
                || !knownCustomers.keySet().containsAll(changedFrom.keySet())) {
            return Optional.empty();
        }
        List<WritePlan> chunks = new ArrayList<>();
        try {
            evaluateInChunks(tenant, changedFrom, knownCustomers, snapshots, e -> {
                throw e;
            }, changes -> chunks.add(plan(tenant, changes)));
        } catch (EngineException e) {
            return Optional.empty();
        }
        return Optional.of(new PreparedChanges(chunks));
    }

    /** Writes changes {@link #prepare} derived; the caller holds the tenant lock and has checked they still hold. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, KnownState> write(TenantId tenant, PreparedChanges prepared) {
        Map<String, KnownState> written = new HashMap<>();
        prepared.chunks().forEach(plan -> apply(tenant, plan, written));
        return written;
    }

    /** What {@link #prepare} derived, ready to be written under the tenant lock. */
    public record PreparedChanges(List<WritePlan> chunks) {
    }

    /** Evaluates the customers, {@value #CHUNK} at a time, handing each chunk's changes to {@code sink}. */
    private void evaluateInChunks(TenantId tenant, Map<String, Instant> changedFrom, Map<String, CustomerRow> knownCustomers,
            Map<String, CustomerSnapshot> snapshots, Function<EngineException, ApiException> onError, Consumer<LedgerChanges> sink) {
        SettingsRow s = settings.find(tenant);
        FxRates fx = fxRates.load(tenant, s.reportingCurrency());
        Map<String, PlanTerms> terms = new HashMap<>();
        plans.findAll(tenant).forEach((code, p) -> terms.put(code, p.terms()));
        MovementEngine engine = new MovementEngine(s.engineSettings(), fx, terms, clock.instant());
        List<String> ids = new ArrayList<>(changedFrom.keySet());
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            sink.accept(evaluate(tenant, engine, s.zone(), chunk, changedFrom, knownCustomers, snapshots, onError));
        }
    }

    /** Evaluates the customers again and compares with their stored rows: what to write. */
    private LedgerChanges evaluate(TenantId tenant, MovementEngine engine, ZoneId zone, List<String> ids,
            Map<String, Instant> changedFrom, Map<String, CustomerRow> knownCustomers, Map<String, CustomerSnapshot> snapshots,
            Function<EngineException, ApiException> onError) {
        // per customer (by position in ids): its usable snapshot, if any; what is not at hand is read, in one statement each
        int n = ids.size();
        CustomerSnapshot[] usable = new CustomerSnapshot[n];
        List<String> toRead = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            CustomerSnapshot snapshot = snapshots.get(id);
            if (snapshot != null && changedFrom.get(id) != WHOLE_HISTORY
                    && (snapshot.resumeFrom() == null || snapshot.resumeFrom().accepts(snapshot.events(), zone))) {
                usable[i] = snapshot;
            } else {
                toRead.add(id);
            }
            if (!knownCustomers.containsKey(id)) {
                unknown.add(id);
            }
        }
        // for a customer resumed from its state, only the events after it (the earliest affected instant is then the
        // earliest of them: a history with a past-due notice has no state)
        Map<String, List<SubscriptionEvent>> readEvents = events.findByCustomers(tenant, toRead);
        Map<String, CustomerRow> readCustomers = customers.find(tenant, unknown);
        @SuppressWarnings("unchecked")
        List<SubscriptionEvent>[] customerEvents = new List[n];
        LocalDate[] fromDay = new LocalDate[n];
        boolean[] rowsAtHand = new boolean[n];
        Map<String, LocalDate> readFrom = Maps.linkedHashMap(toRead.size());
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            CustomerSnapshot snapshot = usable[i];
            customerEvents[i] = snapshot != null ? snapshot.events() : readEvents.getOrDefault(id, List.of());
            Instant from = changedFrom.get(id);
            LocalDate day = from == WHOLE_HISTORY ? null
                    : LocalDate.ofInstant(MovementEngine.earliestAffected(customerEvents[i], from), zone);
            fromDay[i] = day;
            // its ledger rows from that day: the snapshot's, unless they start later (or there is none)
            rowsAtHand[i] = snapshot != null && day != null && !day.isBefore(snapshot.fromDay());
            if (!rowsAtHand[i]) {
                readFrom.put(id, day);
            }
        }
        Map<String, List<StoredMovement>> readMovements = ledger.customerMovements(tenant, readFrom);
        Map<String, List<StoredMovement>> readComponents = ledger.componentMovements(tenant, readFrom);

        LedgerChanges changes = new LedgerChanges(n);
        for (int i = 0; i < n; i++) {
            String customerId = ids.get(i);
            CustomerSnapshot snapshot = usable[i];
            List<StoredMovement> oldMovements = rowsAtHand[i] ? CustomerSnapshot.from(snapshot.movements(), fromDay[i])
                    : readMovements.getOrDefault(customerId, List.of());
            List<StoredMovement> oldExplicitComponents = rowsAtHand[i] ? CustomerSnapshot.from(snapshot.components(), fromDay[i])
                    : readComponents.getOrDefault(customerId, List.of());
            boolean resumed = snapshot != null && snapshot.resumeFrom() != null;
            CustomerLedger derived;
            try {
                derived = resumed ? engine.resume(customerId, snapshot.resumeFrom(), customerEvents[i])
                        : engine.evaluate(customerId, customerEvents[i]);
            } catch (EngineException e) {
                throw onError.apply(e);
            }
            CustomerRow known = knownCustomers.get(customerId);
            changes.compare(customerId, derived, fromDay[i], known != null ? known : readCustomers.get(customerId), oldMovements,
                    oldExplicitComponents, resumed ? snapshot.behind() + customerEvents[i].size() : KnownState.UNKNOWN);
        }
        return changes;
    }

    /**
     * A chunk's changes made ready to write: sorted, rendered as rows and summed into rollup deltas, all but the feed
     * seqs of the customer movements, which only the tenant lock hands out. {@link #prepare} builds it before the lock,
     * so that the lock is held for the statements alone.
     */
    static final class WritePlan {
        final LedgerChanges changes;
        /** The customer movements to retire, in (customer, day) order: their reversals take the first feed seqs. */
        final List<StoredMovement> removed;
        /** The customer movements to add, in (customer, day) order, rendered but for their feed seqs (the next ones). */
        final Jdbc.RowsButLast added;
        final Jdbc.CopyText addedExplicit;
        final List<RollupDelta> rollups;
        final LedgerRepository.Rechecks rechecks;
        final ReplayStateRepository.RenderedStates states;

        private WritePlan(LedgerChanges changes, List<StoredMovement> removed, Jdbc.RowsButLast added, Jdbc.CopyText addedExplicit,
                List<RollupDelta> rollups, LedgerRepository.Rechecks rechecks, ReplayStateRepository.RenderedStates states) {
            this.changes = changes;
            this.removed = removed;
            this.added = added;
            this.addedExplicit = addedExplicit;
            this.rollups = rollups;
            this.rechecks = rechecks;
            this.states = states;
        }
    }

    /** Makes the changes ready to write (no database access). */
    private static WritePlan plan(TenantId tenant, LedgerChanges changes) {
        // publish: reversals of what no longer holds, then the new movements, each in (customer, day) order
        List<StoredMovement> removed = LedgerRepository.inKeyOrder(changes.removed);
        List<StoredMovement> added = LedgerRepository.inKeyOrder(changes.added);
        Rollups rollups = new Rollups();
        for (StoredMovement m : removed) {
            rollups.addCustomerMovement(m, -1);
        }
        for (StoredMovement m : added) {
            rollups.addCustomerMovement(m, 1);
        }
        for (StoredMovement m : changes.removedComponents) {
            rollups.addComponentMovement(m, -1);
        }
        for (StoredMovement m : changes.addedComponents) {
            rollups.addComponentMovement(m, 1);
        }
        return new WritePlan(changes, removed, LedgerRepository.renderCustomerMovements(tenant, added, changes::componentsStored),
                LedgerRepository.renderComponentMovements(tenant, changes.addedExplicit), rollups.deltas(),
                LedgerRepository.Rechecks.of(changes.rechecks), ReplayStateRepository.render(changes.states));
    }

    /**
     * Writes a plan: ledger rows, the change feed's reversals, the rollups' deltas, the re-checks, the replay states.
     *
     * @param written receives the evaluated customers' replay states, stored or not (null for a state removed)
     */
    private void apply(TenantId tenant, WritePlan plan, Map<String, KnownState> written) {
        LedgerChanges changes = plan.changes;
        long[] seqs = feed.reserve(plan.removed.size() + plan.added.size());
        List<FeedRow> reversals = new ArrayList<>(plan.removed.size());
        for (int i = 0; i < plan.removed.size(); i++) {
            reversals.add(reversal(seqs[i], plan.removed.get(i)));
        }
        ledger.retireCustomerMovements(tenant, plan.removed);
        // a new movement's feed entry is its ledger row, with a seq after the reversals'
        ledger.insertCustomerMovements(plan.added.complete(seqs, plan.removed.size()));
        ledger.setComponentsStored(tenant, changes.nowStored, true);
        ledger.setComponentsStored(tenant, changes.nowImplied, false);
        ledger.deleteComponentMovements(tenant, changes.removedExplicit);
        ledger.insertComponentMovements(plan.addedExplicit);
        feed.insertReversals(tenant, reversals);
        ledger.addToRollups(tenant, plan.rollups);
        ledger.setRechecks(tenant, plan.rechecks);
        replayStates.save(tenant, plan.states);
        replayStates.delete(tenant, changes.stateless);
        changes.states.forEach((id, state) -> written.put(id, new KnownState(state, 0)));
        written.putAll(changes.unstored);
        changes.stateless.forEach(id -> written.put(id, null));
    }

    /** The feed entry that cancels a stored movement's entry (the movement's feed seq). */
    private static FeedRow reversal(long seq, StoredMovement m) {
        return new FeedRow(seq, EntryType.REVERSAL, m.feedSeq(), m.customerId(), m.day(), m.kind(), m.fromMrr(), m.toMrr(), m.planCode(),
                m.country(), m.segment(), m.channel(), null);
    }

    /**
     * A chunk's changes to the {@code mrr_daily} rows, summed per day: the total, and per country, segment and channel of
     * the customer movements, per plan of the component movements. Keyed by day, then by value within a dimension, so
     * that the million movements of an ingestion are summed without a key object each.
     */
    private static final class Rollups {
        private static final String[] DIMENSIONS = {"country", "segment", "channel", "plan"};
        private static final int COUNTRY = 0;
        private static final int SEGMENT = 1;
        private static final int CHANNEL = 2;
        private static final int PLAN = 3;

        private final Map<LocalDate, Day> days = new LinkedHashMap<>();

        void addCustomerMovement(StoredMovement m, int sign) {
            Day day = day(m.day());
            day.total.add(m, sign);
            day.value(COUNTRY, m.country()).add(m, sign);
            day.value(SEGMENT, m.segment()).add(m, sign);
            day.value(CHANNEL, m.channel()).add(m, sign);
        }

        void addComponentMovement(StoredMovement m, int sign) {
            day(m.day()).value(PLAN, m.planCode()).add(m, sign);
        }

        private Day day(LocalDate day) {
            Day d = days.get(day);
            if (d == null) {
                d = new Day(day);
                days.put(day, d);
            }
            return d;
        }

        /** The rows that change (a sum that cancels out, a movement retired and added again, is no change). */
        List<RollupDelta> deltas() {
            List<RollupDelta> out = new ArrayList<>();
            for (Day day : days.values()) {
                if (day.total.nonZero()) {
                    out.add(day.total.toDelta());
                }
                for (Map<String, Accumulator> values : day.byValue) {
                    for (Accumulator a : values.values()) {
                        if (a.nonZero()) {
                            out.add(a.toDelta());
                        }
                    }
                }
            }
            return out;
        }

        private static final class Day {
            final LocalDate day;
            final Accumulator total;
            @SuppressWarnings("unchecked")
            final Map<String, Accumulator>[] byValue = new Map[DIMENSIONS.length];

            Day(LocalDate day) {
                this.day = day;
                this.total = new Accumulator("total", NONE, day);
                for (int i = 0; i < byValue.length; i++) {
                    byValue[i] = new LinkedHashMap<>();
                }
            }

            Accumulator value(int dimension, String value) {
                String v = value == null ? NONE : value;
                Accumulator a = byValue[dimension].get(v);
                if (a == null) {
                    a = new Accumulator(DIMENSIONS[dimension], v, day);
                    byValue[dimension].put(v, a);
                }
                return a;
            }
        }
    }

    /** One mrr_daily row's change: the movement sums of {@link SeriesData.DaySums}, signed. */
    private static final class Accumulator {
        final String dimension;
        final String value;
        final LocalDate day;
        final SeriesData.DaySums sums = new SeriesData.DaySums();

        Accumulator(String dimension, String value, LocalDate day) {
            this.dimension = dimension;
            this.value = value;
            this.day = day;
        }

        void add(StoredMovement m, int sign) {
            sums.add(m.kind(), m.fromMrr(), m.toMrr(), sign);
        }

        boolean nonZero() {
            return !sums.isZero();
        }

        RollupDelta toDelta() {
            return new RollupDelta(dimension, value, day, sums.mrr, sums.newCustomers, sums.reactivatedCustomers,
                    sums.churnedCustomers);
        }
    }
}
