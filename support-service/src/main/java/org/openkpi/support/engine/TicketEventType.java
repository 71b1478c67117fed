package org.openkpi.support.engine;

/** What happened on a ticket. */
public enum TicketEventType {
    /** A public reply by a human agent (the only kind that stops the first-response clock). */
    PUBLIC_AGENT_REPLY,
    /** A private (internal) note by a human agent. */
    PRIVATE_AGENT_NOTE,
    /** A reply by a bot or an automated acknowledgement. */
    BOT_REPLY,
    CUSTOMER_REPLY,
    RESOLVED_BY_AGENT,
    RESOLVED_BY_AUTOMATION,
    REOPENED,
    CLOSED;

    public boolean needsAgent() {
        return this == PUBLIC_AGENT_REPLY || this == PRIVATE_AGENT_NOTE || this == RESOLVED_BY_AGENT;
    }
}
