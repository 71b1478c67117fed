package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ActivityEventInput")
@Description("A product activity event: a user of a customer was active at an instant. Only (day in the tenant's zone, user) is"
        + " kept, so sending an event again, or another event of the same user on the same day, changes nothing.")
public record ActivityEventInput(
        @Description("The tenant's id of the user") String userId,
        @Description("The tenant's external customer id the user belongs to") String customerId,
        @Description("ISO-8601 instant with offset, e.g. 2024-03-01T09:30:00Z") String occurredAt) {
}
