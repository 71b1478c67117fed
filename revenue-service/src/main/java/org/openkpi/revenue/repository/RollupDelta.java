package org.openkpi.revenue.repository;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A change to one row of {@code mrr_daily}. {@code mrr} holds, in order, new, expansion, contraction,
 * churn and reactivation MRR (contraction and churn as positive amounts).
 */
public record RollupDelta(String dimension, String value, LocalDate day, BigDecimal[] mrr, int newCustomers,
        int reactivatedCustomers, int churnedCustomers) {
}
