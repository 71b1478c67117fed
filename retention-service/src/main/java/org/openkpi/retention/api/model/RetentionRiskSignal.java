package org.openkpi.retention.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Churn-risk signals of one customer paying at asOf (MRR > 0 after every movement dated before asOf), with the raw"
        + " figures. Windows are whole days in the tenant's zone ending at asOf (exclusive). Listed only when at least one flag"
        + " fires; the gateway weighs the flags.")
public record RetentionRiskSignal(
        @NonNull @Description("The tenant's external customer id") String customerId,
        @Description("Days with any activity of the customer's users in [asOf - 30, asOf)") int activeDaysLast30,
        @Description("Days with any activity of the customer's users in [asOf - 60, asOf - 30)") int activeDaysPrevious30,
        @Description("activeDaysPrevious30 >= 4 and activeDaysLast30 * 2 <= activeDaysPrevious30 (activity at least halved)") boolean activityFalling,
        @Description("Score of the customer's latest NPS response in [asOf - 180, asOf); null without one") Integer latestNpsScore,
        @Description("latestNpsScore <= 6 (a detractor)") boolean npsDetractor,
        @Description("Days from the customer's first sign-up to its first activation not before it (both before asOf), to 4"
                + " decimals, as customerRetention computes it; null when not signed up or not activated before asOf") BigDecimal daysToOnboard,
        @Description("Signed up in [asOf - 180, asOf) and either daysToOnboard >= 14, or not activated before asOf and signed up"
                + " on asOf - 14 or earlier") boolean slowOnboarding) {
}
