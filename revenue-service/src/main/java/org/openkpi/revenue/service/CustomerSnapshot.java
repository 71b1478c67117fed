package org.openkpi.revenue.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openkpi.revenue.engine.SubscriptionEvent;
import org.openkpi.revenue.repository.StoredMovement;

/**
 * A customer's stored state as an event batch read it before taking the tenant lock: its events, and from
 * {@code fromDay} on its customer-ledger rows and its stored component-ledger rows (see {@link ComponentRows}). Used
 * under the lock only when no write committed meanwhile touched the customer.
 */
public record CustomerSnapshot(List<SubscriptionEvent> events, LocalDate fromDay, List<StoredMovement> movements,
        List<StoredMovement> components) {

    /** The same snapshot with events added to the history (the batch's new events, once stored). */
    public CustomerSnapshot withEvents(List<SubscriptionEvent> added) {
        List<SubscriptionEvent> all = new ArrayList<>(events.size() + added.size());
        all.addAll(events);
        all.addAll(added);
        return new CustomerSnapshot(all, fromDay, movements, components);
    }

    /** Rows from {@code day} on, for a read that needs no earlier rows than the snapshot holds. */
    static List<StoredMovement> from(List<StoredMovement> rows, LocalDate day) {
        if (rows.isEmpty() || !rows.get(0).day().isBefore(day)) {
            return rows;
        }
        return rows.stream().filter(m -> !m.day().isBefore(day)).toList();
    }
}
