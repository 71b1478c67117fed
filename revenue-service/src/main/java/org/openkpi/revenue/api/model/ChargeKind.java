package org.openkpi.revenue.api.model;

public enum ChargeKind {
    CHARGE, REFUND
}
