package org.openkpi.revenue.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ChargeInput")
@Description("A one-off charge (setup fee, service) or a refund, counted in revenue of its day (not in MRR).")
public record ChargeInput(@NonNull String externalId, @NonNull String customerId, @NonNull ChargeKind kind,
        @NonNull @Description("ISO-8601 instant") String occurredAt, @NonNull @Description("> 0") BigDecimal amount,
        @NonNull String currency, String description) {
}
