package org.openkpi.gateway.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Paying customers ranked by churn-risk score (highest first; ties by higher MRR, then customer id).")
public record ChurnRisk(@NonNull LocalDate asOf,
        @Description("Paying customers with at least one signal") int atRisk,
        @NonNull List<@NonNull ChurnRiskCustomer> customers) {
}
