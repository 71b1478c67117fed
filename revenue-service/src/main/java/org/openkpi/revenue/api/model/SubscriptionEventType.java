package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("STARTED (planCode, quantity, optional trialEndsAt), PLAN_CHANGED (planCode), QUANTITY_CHANGED (quantity),"
        + " DISCOUNT_APPLIED (discountPercent or discountAmount per billing interval), DISCOUNT_REMOVED, PAUSED, RESUMED,"
        + " CANCELLATION_REQUESTED (cancelAt: when it takes effect), CANCELLED (immediately), REACTIVATED (optional planCode,"
        + " quantity), PAYMENT_PAST_DUE (optional paidThrough: end of the last paid period), PAYMENT_SUCCEEDED.")
public enum SubscriptionEventType {
    STARTED, PLAN_CHANGED, QUANTITY_CHANGED, DISCOUNT_APPLIED, DISCOUNT_REMOVED, PAUSED, RESUMED, PAYMENT_PAST_DUE,
    PAYMENT_SUCCEEDED, REACTIVATED, CANCELLATION_REQUESTED, CANCELLED
}
