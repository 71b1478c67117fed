package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A customer's netted MRR movement on one day. {@code planCode} is the customer's main plan: the plan
 * carrying the most MRR after the change (before it, for churn).
 */
public record LedgerMovement(String customerId, LocalDate day, MovementKind kind, BigDecimal fromMrr, BigDecimal toMrr,
        String planCode) {

    public BigDecimal delta() {
        return toMrr.subtract(fromMrr);
    }
}
