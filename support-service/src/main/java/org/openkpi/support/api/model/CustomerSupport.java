package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One customer's support picture, for the customer 360 and churn-risk ranking.")
public record CustomerSupport(@NonNull @Description("The tenant's external id of the customer") String customerId,
        @Description("Tickets open now") int openTickets,
        @NonNull @Description("Tickets created per period of the range (the volume trend)") List<@NonNull VolumePoint> ticketVolume,
        @NonNull @Description("CSAT of the customer's responses answered in the range") Ratio csat) {
}
