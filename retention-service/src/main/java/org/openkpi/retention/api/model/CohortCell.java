package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A cohort at month offset k (k = 0 is the first-payment month), measured at the END of that month.")
public record CohortCell(
        @Description("Months since the cohort's first-payment month") int offset,
        @NonNull @Description("The calendar month of this offset") Period month,
        @Description("Cohort customers paying (MRR > 0) at the end of the month") int payingCustomers,
        @NonNull @Description("The cohort's MRR at the end of the month") Money mrr,
        @NonNull @Description("Logo retention = payingCustomers / cohort customers") Ratio logoRetention,
        @NonNull @Description("Revenue retention = mrr / the cohort's MRR at the end of month 0 (can exceed 1)") Ratio revenueRetention) {
}
