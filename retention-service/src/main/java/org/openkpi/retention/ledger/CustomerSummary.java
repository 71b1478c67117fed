package org.openkpi.retention.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a customer's ledger says now: first payment, current MRR and attributes, churn and reactivation counts. */
public record CustomerSummary(String customerId, LocalDate firstPaymentDay, BigDecimal mrr, String planCode, String country,
        String segment, String channel, LocalDate lastMovementDay, int churns, int reactivations) {
}
