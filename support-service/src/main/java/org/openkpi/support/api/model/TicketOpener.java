package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Who opened a ticket: the customer, or an agent (outbound); for an agent-opened ticket the first-response"
        + " clock runs to the next public agent reply after creation.")
public enum TicketOpener {
    CUSTOMER, AGENT
}
