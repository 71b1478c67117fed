package org.openkpi.gateway.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A paying customer with at least one churn-risk signal; score = sum of the signals' weights (0-100).")
public record ChurnRiskCustomer(int rank, @NonNull String customerId, String name,
        @Description("MRR at asOf (revenue-service)") Money mrr, int score, @NonNull List<@NonNull ChurnSignal> signals) {
}
