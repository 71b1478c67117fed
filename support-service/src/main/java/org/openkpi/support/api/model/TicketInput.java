package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TicketInput")
@Description("A support ticket. Changing it re-derives all of its metrics.")
public record TicketInput(@NonNull @Description("The tenant's id of the ticket") String externalId,
        @NonNull @Description("The tenant's external id of the customer") String customerId,
        @NonNull @Description("Channel, e.g. email, chat, phone") String channel,
        @NonNull @Description("Priority, e.g. urgent, high, normal, low (SLA targets are per priority)") String priority,
        @NonNull @Description("Creation instant, ISO-8601 with offset, e.g. 2024-03-01T09:30:00Z") String createdAt,
        @Description("Who opened it; default CUSTOMER") TicketOpener openedBy,
        @Description("The opening agent's externalId, required when openedBy is AGENT") String openedByAgentId) {
}
