package org.openkpi.revenue.engine;

/**
 * Kinds of subscription event. At one instant, events of one subscription apply in this order.
 */
public enum EventType {
    STARTED,
    PLAN_CHANGED,
    QUANTITY_CHANGED,
    DISCOUNT_APPLIED,
    DISCOUNT_REMOVED,
    PAUSED,
    RESUMED,
    PAYMENT_PAST_DUE,
    PAYMENT_SUCCEEDED,
    REACTIVATED,
    CANCELLATION_REQUESTED,
    CANCELLED
}
