package org.openkpi.retention.ledger;

/** Rollup dimensions: ALL (the total, value ''), and a customer's current plan, country, segment, channel. */
public enum Dim {
    ALL, PLAN, COUNTRY, SEGMENT, CHANNEL;

    /** The customer's value of this dimension ('' when it has none). */
    public String valueOf(LedgerRow attributes) {
        String v = switch (this) {
            case ALL -> "";
            case PLAN -> attributes.planCode();
            case COUNTRY -> attributes.country();
            case SEGMENT -> attributes.segment();
            case CHANNEL -> attributes.channel();
        };
        return v == null ? "" : v;
    }
}
