package org.openkpi.retention.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One cohort: the customers whose first payment (NEW movement) falls in the month, and a cell per complete month offset.")
public record CohortRow(
        @NonNull @Description("The first-payment month") Period cohort,
        @Description("Customers in the cohort") int customers,
        @NonNull @Description("The cohort's MRR at the end of its first month (the base of revenue retention)") Money initialMrr,
        @NonNull List<@NonNull CohortCell> cells) {
}
