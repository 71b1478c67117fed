package org.openkpi.revenue.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One customer's MRR over time.")
public record CustomerMrrHistory(
        @NonNull String customerId,
        String name,
        String country,
        String segment,
        String channel,
        @NonNull @Description("MRR at the end of the given day (default today in the tenant's zone)") Money mrr,
        @Description("Day of the first payment (NEW movement)") LocalDate firstPaymentDay,
        @Description("Day of the last churn, if the customer is not paying now") LocalDate churnedOn,
        @NonNull List<@NonNull Movement> movements) {
}
