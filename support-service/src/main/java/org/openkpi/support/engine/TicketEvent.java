package org.openkpi.support.engine;

import java.time.Instant;
import java.util.Comparator;

/** One event of a ticket as ingested. */
public record TicketEvent(String externalId, String ticketId, TicketEventType type, Instant at, String agentId) {

    /** The order a ticket's events are replayed in: by instant, then by external id (so arrival order never matters). */
    public static final Comparator<TicketEvent> REPLAY_ORDER =
            Comparator.comparing(TicketEvent::at).thenComparing(TicketEvent::externalId);
}
