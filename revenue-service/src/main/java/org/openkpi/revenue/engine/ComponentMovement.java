package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A movement of the part of a customer's MRR that is on one plan, classified on that part alone. */
public record ComponentMovement(String customerId, String planCode, LocalDate day, MovementKind kind, BigDecimal fromMrr,
        BigDecimal toMrr) {
}
