package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TrialInput")
@Description("A trial sign-up. customerId is set (by sending the trial again) once it became a customer: the tenant's external"
        + " customer id, as revenue-service knows it.")
public record TrialInput(@NonNull String externalId, @NonNull @Description("ISO-8601 instant") String startedAt, String channel,
        String campaign, @Description("The customer the trial became, if any") String customerId) {
}
