package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("OnboardingMilestoneInput")
@Description("An onboarding milestone of a customer, idempotent by externalId. A customer's sign-up is its earliest SIGNED_UP,"
        + " its activation the earliest ACTIVATED not before it.")
public record OnboardingMilestoneInput(String externalId, String customerId, OnboardingMilestone milestone,
        @Description("ISO-8601 instant with offset") String occurredAt) {
}
