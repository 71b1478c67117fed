package org.openkpi.revenue.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubscriptionEventInput")
@Description("A fact about a subscription. Instants are ISO-8601 with an offset or Z (e.g. 2024-03-01T00:00:00Z) and may"
        + " be in the past (backdated): the ledger is rewritten from that instant on.")
public record SubscriptionEventInput(
        @NonNull String externalId,
        @NonNull String customerId,
        @NonNull String subscriptionId,
        @NonNull SubscriptionEventType type,
        @NonNull String effectiveAt,
        String planCode,
        @Description(">= 1, default 1") Integer quantity,
        String trialEndsAt,
        @Description("0 < p <= 100") BigDecimal discountPercent,
        @Description(">= 0, per billing interval, in the plan's currency") BigDecimal discountAmount,
        String cancelAt,
        String paidThrough) {
}
