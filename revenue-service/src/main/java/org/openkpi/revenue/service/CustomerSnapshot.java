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
 * on days after its state's last day) a {@link ReplayState} and the stored events after it (none when the state is
 * current; see {@link KnownState}); and from {@code fromDay} on its customer-ledger rows and its stored component-ledger
 * rows (see {@link ComponentRows}).
 *
 * @param events with {@code resumeFrom} null, the customer's whole history; otherwise only the events after the state
 *        (the stored ones after it, then the batch's new events once they are added)
 * @param resumeFrom the state to continue the evaluation from, or null: replay {@code events} in full
 * @param behind with {@code resumeFrom}, how many of the customer's stored events that state includes and the
 *        database's stored state does not (beyond {@code events}): 0 for the database's own state, the cache's count for
 *        a state the instance kept
 */
public record CustomerSnapshot(List<SubscriptionEvent> events, ReplayState resumeFrom, int behind, LocalDate fromDay,
        List<StoredMovement> movements, List<StoredMovement> components) {

    /** The same snapshot with the batch's new events added (to the history, or to the events after the state). */
    public CustomerSnapshot withEvents(List<SubscriptionEvent> added) {
        List<SubscriptionEvent> all = new ArrayList<>(events.size() + added.size());
        all.addAll(events);
        all.addAll(added);
        return new CustomerSnapshot(all, resumeFrom, behind, fromDay, movements, components);
    }

    /** Rows from {@code day} on, for a read that needs no earlier rows than the snapshot holds. */
    static List<StoredMovement> from(List<StoredMovement> rows, LocalDate day) {
        if (rows.isEmpty() || !rows.get(0).day().isBefore(day)) {
            return rows;
        }
        return rows.stream().filter(m -> !m.day().isBefore(day)).toList();
    }
}
