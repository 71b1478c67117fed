package org.openkpi.retention.api.model;

import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One customer's retention picture (for a customer 360 and churn-risk ranking), as of the end of asOf.")
public record CustomerRetention(
        @NonNull @Description("The tenant's external customer id") String customerId,
        @NonNull LocalDate asOf,
        @Description("Day of the first payment (NEW movement)") LocalDate firstPaymentDay,
        @Description("The cohort (first-payment month)") Period cohort,
        @NonNull @Description("MRR at the end of asOf") Money mrr,
        @Description("Whether MRR > 0 at the end of asOf") boolean paying,
        String planCode, String country, String segment, String channel,
        @Description("Churn movements up to asOf") int churns,
        @Description("Reactivation movements up to asOf") int reactivations,
        @NonNull @Description("Churn and reactivation history (CHURN and REACTIVATION movements), oldest first") List<@NonNull CustomerMovement> churnHistory,
        @NonNull @Description("Every MRR movement, oldest first (later-dated ones included)") List<@NonNull CustomerMovement> movements,
        @NonNull @Description("NPS responses, newest first") List<@NonNull NpsResponse> npsResponses,
        @Description("Score of the latest response") Integer latestNpsScore,
        @NonNull CustomerActivity activity,
        @Description("Sign-up instant") Instant signedUpAt,
        @Description("Activation instant") Instant activatedAt,
        @Description("Days from sign-up to activation") BigDecimal daysToOnboard) {
}
