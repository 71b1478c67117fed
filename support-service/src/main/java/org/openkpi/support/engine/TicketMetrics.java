package org.openkpi.support.engine;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What reads need of one ticket, derived from the ticket and all of its events. Durations in seconds
 * (null when the moment has not happened), days in the tenant's zone. {@code agentId} is the ticket's
 * agent: the agent of the last resolve when an agent resolved it, else the first responder, else the
 * opening agent; {@code teamId} is that agent's team.
 */
public record TicketMetrics(String ticketId, String customerId, String channel, String priority, String agentId,
        String teamId, Instant createdAt, LocalDate createdDay,
        LocalDate frtDay, Long frtCal, Long frtBh,
        LocalDate firstResDay, Long firstResCal, Long firstResBh,
        LocalDate resDay, Long resCal, Long resBh,
        String resolvedBy, int agentReplies, Boolean frtBreach, Boolean resBreach, boolean open) {

    public static final String BY_AGENT = "AGENT";
    public static final String BY_AUTOMATION = "AUTOMATION";

    public boolean resolved() {
        return resDay != null;
    }
}
