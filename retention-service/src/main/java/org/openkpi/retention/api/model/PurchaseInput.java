package org.openkpi.retention.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("PurchaseInput")
@Description("A purchase of a non-subscription (repeat-purchase) business, idempotent by externalId.")
public record PurchaseInput(String externalId, String customerId,
        @Description("ISO-8601 instant with offset") String purchasedAt,
        @Description("Amount, > 0") BigDecimal amount,
        @Description("ISO-4217 currency") String currency) {
}
