package org.openkpi.support.engine;

import java.time.Instant;

/** A ticket as ingested. */
public record TicketFacts(String id, String customerId, String channel, String priority, Instant createdAt,
        boolean openedByAgent, String openedByAgentId) {
}
