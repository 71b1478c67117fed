package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("EmailListActivityInput")
@Description("Subscribes and unsubscribes of the email list on one day (one event: 1 and 0). The list size at a day's start"
        + " is the sum of all earlier subscribes minus unsubscribes, so send the existing list as one early subscribes record.")
public record EmailListActivityInput(@NonNull String externalId, @NonNull @Description("ISO date") String date,
        @NonNull Long subscribes, @NonNull Long unsubscribes) {
}
