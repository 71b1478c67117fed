package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("SIGNED_UP: the customer's account was created; ACTIVATED: it reached the tenant's activation milestone.")
public enum OnboardingMilestone {
    SIGNED_UP, ACTIVATED
}
