package org.openkpi.revenue.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CostInput")
@Description("A cost booked on a day (monthly costs: the first of the month).")
public record CostInput(@NonNull String externalId, @NonNull CostKind kind, @NonNull String category,
        @NonNull @Description("ISO date, e.g. 2024-03-01") String date, @NonNull @Description(">= 0") BigDecimal amount,
        @NonNull String currency) {
}
