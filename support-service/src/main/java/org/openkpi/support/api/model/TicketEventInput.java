package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TicketEventInput")
@Description("One event of a recorded ticket. Events may arrive late and out of order: the ticket is re-derived from all"
        + " of its events sorted by instant, then by externalId.")
public record TicketEventInput(@NonNull @Description("The tenant's id of the event") String externalId,
        @NonNull @Description("The ticket's externalId (the ticket must be recorded)") String ticketId,
        @NonNull @Description("What happened") TicketEventType type,
        @NonNull @Description("When it happened, ISO-8601 with offset") String at,
        @Description("The agent's externalId; required for PUBLIC_AGENT_REPLY, PRIVATE_AGENT_NOTE and RESOLVED_BY_AGENT,"
                + " ignored otherwise") String agentId) {
}
