package org.openkpi.revenue.api.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One netted MRR movement of a customer on a day (tenant's zone).")
public record Movement(
        @NonNull String customerId,
        @NonNull LocalDate day,
        @NonNull MovementKind kind,
        @NonNull Money fromMrr,
        @NonNull Money toMrr,
        @NonNull @Description("toMrr - fromMrr") Money delta,
        @Description("Main plan: the plan carrying the most MRR after the change (before it, for churn)") String planCode,
        String country,
        String segment,
        String channel) {
}
