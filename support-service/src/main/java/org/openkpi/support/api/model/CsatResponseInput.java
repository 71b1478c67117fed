package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CsatResponseInput")
@Description("A CSAT survey response about a recorded ticket.")
public record CsatResponseInput(@NonNull @Description("The tenant's id of the response") String externalId,
        @NonNull @Description("The ticket's externalId") String ticketId,
        @NonNull @Description("Rating 1 to 5; 4 and 5 count as satisfied") Integer rating,
        @NonNull @Description("When it was answered, ISO-8601 with offset") String respondedAt) {
}
