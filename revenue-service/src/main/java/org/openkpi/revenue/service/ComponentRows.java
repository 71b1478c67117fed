package org.openkpi.revenue.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openkpi.revenue.repository.StoredMovement;

/**
 * Which rows of one customer's plan-component ledger are stored. A day whose only component movement repeats the
 * customer movement of that day (same plan, kind, amounts and dimensions: the usual day of a one-plan customer) is
 * stored once, in the customer ledger; every other day's components are stored as they are ("explicit" rows). The
 * full component ledger is the explicit rows plus the customer movement of each day that has none (the database view
 * {@code mrr_component_ledger} says the same, reading the flag {@code mrr_movement.components_stored} that the write
 * path keeps equal to "this day has stored component rows").
 */
final class ComponentRows {

    private ComponentRows() {
    }

    /**
     * The component rows to store, given one customer's customer-ledger rows and full component-ledger rows over the
     * same days.
     */
    static List<StoredMovement> explicit(List<StoredMovement> movements, List<StoredMovement> components) {
        if (components.isEmpty()) {
            return components;
        }
        Map<LocalDate, Integer> perDay = new HashMap<>();
        components.forEach(c -> perDay.merge(c.day(), 1, Integer::sum));
        Map<LocalDate, StoredMovement> movementByDay = new HashMap<>();
        movements.forEach(m -> movementByDay.put(m.day(), m));
        List<StoredMovement> out = new ArrayList<>(0);
        for (StoredMovement c : components) {
            StoredMovement m = movementByDay.get(c.day());
            boolean mirror = perDay.get(c.day()) == 1 && m != null && m.sameAs(c);
            if (!mirror) {
                out.add(c);
            }
        }
        return out;
    }

    /** The days of the given rows. */
    static Set<LocalDate> days(List<StoredMovement> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<LocalDate> out = new HashSet<>();
        rows.forEach(r -> out.add(r.day()));
        return out;
    }

    /**
     * One customer's full component-ledger rows over the days of the given rows: the explicit rows, plus the customer
     * movement of each day without one.
     *
     * @param explicitDays {@link #days} of {@code explicit}
     */
    static List<StoredMovement> full(List<StoredMovement> movements, List<StoredMovement> explicit, Set<LocalDate> explicitDays) {
        if (movements.isEmpty()) {
            return explicit;
        }
        List<StoredMovement> out = new ArrayList<>(explicit.size() + movements.size());
        out.addAll(explicit);
        for (StoredMovement m : movements) {
            if (!explicitDays.contains(m.day())) {
                out.add(m.withFeedSeq(0));
            }
        }
        return out;
    }
}
