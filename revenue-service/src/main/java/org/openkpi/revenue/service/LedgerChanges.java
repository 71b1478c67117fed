package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openkpi.revenue.engine.ComponentMovement;
import org.openkpi.revenue.engine.CustomerLedger;
import org.openkpi.revenue.engine.LedgerMovement;
import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.engine.ReplayStateCodec;
import org.openkpi.revenue.repository.CustomerRow;
import org.openkpi.revenue.repository.StoredMovement;
import org.openkpi.revenue.util.Maps;

/**
 * What re-evaluating customers changes in the stored ledgers, collected customer by customer ({@link #compare}) and
 * then written by {@link LedgerService}: the customer movements to retire and to add, the full component ledger's
 * difference (for the plan rollups), the stored (explicit) component rows to delete and to insert, the customer
 * movements whose only change is the {@code components_stored} flag, the re-check instants and the replay states (to
 * store, or only to keep in memory).
 */
public final class LedgerChanges {

    final List<StoredMovement> removed = new ArrayList<>();
    final List<StoredMovement> added = new ArrayList<>();
    final List<StoredMovement> removedComponents = new ArrayList<>();
    final List<StoredMovement> addedComponents = new ArrayList<>();
    final List<StoredMovement> removedExplicit = new ArrayList<>();
    final List<StoredMovement> addedExplicit = new ArrayList<>();
    final List<StoredMovement> nowStored = new ArrayList<>();
    final List<StoredMovement> nowImplied = new ArrayList<>();
    final Map<String, Instant> rechecks;
    /** The evaluated customers' replay states to store, encoded ({@link ReplayStateCodec}). */
    final Map<String, byte[]> states;
    /**
     * The evaluated customers' replay states not stored (see {@link KnownState}): continued from a state by fewer events
     * than {@link LedgerService#MAX_EVENTS_BEHIND} since the stored one.
     */
    final Map<String, KnownState> unstored;
    /** The evaluated customers without a replay state (a history with a past-due notice): a stored one goes. */
    final List<String> stateless = new ArrayList<>();
    private final Map<String, Set<LocalDate>> storedDays = new HashMap<>();

    /** @param customers how many customers will be compared (sizes the per-customer maps) */
    LedgerChanges(int customers) {
        rechecks = Maps.linkedHashMap(customers);
        states = Maps.linkedHashMap(customers);
        unstored = Maps.hashMap(customers);
    }

    /**
     * Compares a customer's stored rows with what the engine derived.
     *
     * @param from the first day compared (rows before it are neither read nor derived again), or null: all of them
     * @param dims the customer's row (its dimensions go on every ledger row), or null
     * @param oldCustomer the stored customer movements from {@code from} on
     * @param oldExplicit the stored component rows from {@code from} on
     * @param behind for an evaluation continued from a state, how many of the customer's events the state it reaches
     *        includes and the stored one does not; for a whole history replayed, {@link KnownState#UNKNOWN} (its state is
     *        stored, as the stored one may not be of a prefix of the history any more)
     */
    void compare(String customerId, CustomerLedger derived, LocalDate from, CustomerRow dims, List<StoredMovement> oldCustomer,
            List<StoredMovement> oldExplicit, int behind) {
        List<StoredMovement> fresh = new ArrayList<>();
        for (LedgerMovement m : derived.movements()) {
            if (from == null || !m.day().isBefore(from)) {
                fresh.add(row(customerId, m.day(), m.kind(), m.fromMrr(), m.toMrr(), m.planCode(), dims));
            }
        }
        List<StoredMovement> freshComponents = new ArrayList<>();
        for (ComponentMovement m : derived.components()) {
            if (from == null || !m.day().isBefore(from)) {
                freshComponents.add(row(customerId, m.day(), m.kind(), m.fromMrr(), m.toMrr(), m.planCode(), dims));
            }
        }
        List<StoredMovement> freshExplicit = ComponentRows.explicit(fresh, freshComponents);
        Set<LocalDate> oldStored = ComponentRows.days(oldExplicit);
        Set<LocalDate> freshStored = ComponentRows.days(freshExplicit);
        int addedBefore = added.size();
        diff(oldCustomer, fresh, removed, added);
        // the rollups follow the full component ledger; the table holds only its explicit rows
        diff(ComponentRows.full(oldCustomer, oldExplicit, oldStored), freshComponents, removedComponents, addedComponents);
        diff(oldExplicit, freshExplicit, removedExplicit, addedExplicit);
        // each customer movement says whether its day has stored component rows; a movement that stays but whose
        // day gains or loses them changes only that flag (no feed entry)
        if (!freshStored.isEmpty()) {
            storedDays.put(customerId, freshStored);
        }
        if (!oldStored.equals(freshStored)) {
            Set<LocalDate> rewritten = ComponentRows.days(added.subList(addedBefore, added.size()));
            for (StoredMovement m : fresh) {
                boolean stored = freshStored.contains(m.day());
                if (stored != oldStored.contains(m.day()) && !rewritten.contains(m.day())) {
                    (stored ? nowStored : nowImplied).add(m);
                }
            }
        }
        rechecks.put(customerId, derived.recheckAt());
        if (derived.state() == null) {
            stateless.add(customerId);
        } else if (behind >= 0 && behind < LedgerService.MAX_EVENTS_BEHIND) {
            unstored.put(customerId, new KnownState(ReplayStateCodec.encode(derived.state()), behind));
        } else {
            states.put(customerId, ReplayStateCodec.encode(derived.state()));
        }
    }

    /** Whether an added customer movement's day has stored component rows. */
    boolean componentsStored(StoredMovement m) {
        return storedDays.getOrDefault(m.customerId(), Set.of()).contains(m.day());
    }

    private static StoredMovement row(String customerId, LocalDate day, MovementKind kind, BigDecimal fromMrr, BigDecimal toMrr,
            String planCode, CustomerRow c) {
        return new StoredMovement(customerId, day, kind, fromMrr, toMrr, planCode, c == null ? null : c.country(),
                c == null ? null : c.segment(), c == null ? null : c.channel(), 0);
    }

    private static final Comparator<StoredMovement> BY_DAY_AND_PLAN = (a, b) -> {
        int c = a.day().compareTo(b.day());
        return c != 0 ? c : StoredMovement.comparePlans(a.planCode(), b.planCode());
    };

    /**
     * Splits old and fresh rows of one customer into those to delete and those to insert, walking both
     * in (day, plan) order; a row whose day and plan match but whose content differs is both.
     */
    private static void diff(List<StoredMovement> old, List<StoredMovement> fresh, List<StoredMovement> removed,
            List<StoredMovement> added) {
        List<StoredMovement> a = new ArrayList<>(old);
        List<StoredMovement> b = new ArrayList<>(fresh);
        a.sort(BY_DAY_AND_PLAN);
        b.sort(BY_DAY_AND_PLAN);
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int cmp = i == a.size() ? 1 : j == b.size() ? -1 : BY_DAY_AND_PLAN.compare(a.get(i), b.get(j));
            if (cmp < 0) {
                removed.add(a.get(i++));
            } else if (cmp > 0) {
                added.add(b.get(j++));
            } else {
                if (!a.get(i).sameAs(b.get(j))) {
                    removed.add(a.get(i));
                    added.add(b.get(j));
                }
                i++;
                j++;
            }
        }
    }
}
