package org.openkpi.revenue.engine;

import java.time.Instant;
import java.util.List;

/** Everything the engine derives for one customer. */
public record CustomerLedger(String customerId, List<LedgerMovement> movements, List<ComponentMovement> components,
        Instant recheckAt) {
}
