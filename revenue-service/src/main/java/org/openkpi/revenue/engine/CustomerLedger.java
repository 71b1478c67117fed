package org.openkpi.revenue.engine;

import java.time.Instant;
import java.util.List;

/**
 * Everything the engine derives for one customer.
 *
 * @param state where the evaluation stands after the customer's last event, for {@link MovementEngine#resume}; null when
 *        the history has a past-due notice (or no event)
 */
public record CustomerLedger(String customerId, List<LedgerMovement> movements, List<ComponentMovement> components,
        Instant recheckAt, ReplayState state) {
}
