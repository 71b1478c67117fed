package org.openkpi.revenue.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openkpi.revenue.engine.ReplayState;
import org.openkpi.revenue.engine.SubscriptionEvent;
import org.openkpi.revenue.repository.StoredMovement;

/**
 * A customer's stored state as an event batch read it before taking the tenant lock, used under the lock only when no
 * write committed meanwhile touched the customer: either its whole event history, or (when the batch's events all fall
 * on days after its last event) its {@link ReplayState} and no event; and from {@code fromDay} on its customer-ledger
 * rows and its stored component-ledger rows (see {@link ComponentRows}).
 *
 * @param events with {@code resumeFrom} null, the customer's whole history; otherwise only the events after the state
 *        (none until the batch's new events are added)
 * @param resumeFrom the state to continue the evaluation from, or null: replay {@code events} in full
 */
public record CustomerSnapshot(List<SubscriptionEvent> events, ReplayState resumeFrom, LocalDate fromDay,
        List<StoredMovement> movements, List<StoredMovement> components) {

    /** The same snapshot with the batch's new events added (to the history, or to the events after the state). */
    public CustomerSnapshot withEvents(List<SubscriptionEvent> added) {
        List<SubscriptionEvent> all = new ArrayList<>(events.size() + added.size());
        all.addAll(events);
        all.addAll(added);
        return new CustomerSnapshot(all, resumeFrom, fromDay, movements, components);
    }

    /** Rows from {@code day} on, for a read that needs no earlier rows than the snapshot holds. */
    static List<StoredMovement> from(List<StoredMovement> rows, LocalDate day) {
        if (rows.isEmpty() || !rows.get(0).day().isBefore(day)) {
            return rows;
        }
        return rows.stream().filter(m -> !m.day().isBefore(day)).toList();
    }
}
