package org.openkpi.revenue.engine;

import java.math.BigDecimal;

/** The five MRR movements of METRICS.md. */
public enum MovementKind {
    NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION;

    /**
     * Classifies a change of MRR from {@code a} to {@code b}; null when nothing changed.
     *
     * @param everPaid whether MRR was above zero at any earlier time
     */
    public static MovementKind classify(BigDecimal a, BigDecimal b, boolean everPaid) {
        int cmp = a.compareTo(b);
        if (cmp == 0) {
            return null;
        }
        if (a.signum() == 0) {
            return everPaid ? REACTIVATION : NEW;
        }
        if (b.signum() == 0) {
            return CHURN;
        }
        return cmp < 0 ? EXPANSION : CONTRACTION;
    }
}
