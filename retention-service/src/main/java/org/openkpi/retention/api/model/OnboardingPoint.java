package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Time to onboard of the customers who signed up in a period: days from sign-up to activation.")
public record OnboardingPoint(@NonNull Period period,
        @Description("Customers whose sign-up falls in the period") int signedUp,
        @Description("Of those, customers activated (so far)") int activated,
        @Description("Of those, customers not activated yet") int notYetActivated,
        @NonNull @Description("Days from sign-up to activation over the activated ones (unit DAYS)") Duration timeToOnboard,
        @NonNull @Description("Share of the activated ones whose onboarding took 14 days or more (predicts churn)") Ratio fourteenDaysOrMore) {
}
