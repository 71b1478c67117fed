package org.openkpi.retention.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A stored movement of a customer's ledger (kind NEW, EXPANSION, CONTRACTION, CHURN or REACTIVATION). */
public record LedgerRow(String cursor, String customerId, LocalDate day, String kind, BigDecimal fromMrr, BigDecimal toMrr,
        String planCode, String country, String segment, String channel) {

    public boolean starts() {
        return "NEW".equals(kind) || "REACTIVATION".equals(kind);
    }
}
