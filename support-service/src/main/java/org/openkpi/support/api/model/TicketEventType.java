package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("What happened on a ticket. Only PUBLIC_AGENT_REPLY stops the first-response clock; bot replies and private"
        + " notes never do.")
public enum TicketEventType {
    PUBLIC_AGENT_REPLY, PRIVATE_AGENT_NOTE, BOT_REPLY, CUSTOMER_REPLY, RESOLVED_BY_AGENT, RESOLVED_BY_AUTOMATION, REOPENED, CLOSED
}
