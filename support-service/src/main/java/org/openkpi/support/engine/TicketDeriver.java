package org.openkpi.support.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Derives a ticket's metrics from the ticket and all of its stored events, replayed in
 * {@link TicketEvent#REPLAY_ORDER} (instant, then external id), so the result depends only on the set
 * of events, never on the order they arrived in. Rules:
 * <ul>
 * <li>First response: the first PUBLIC_AGENT_REPLY; bot replies, private notes and customer replies do
 * not count. For a ticket opened by an agent, public agent replies at or before the creation instant are
 * the opening message and do not count: the clock runs to the next public agent reply after creation.
 * An event dated before the ticket's creation counts as at creation.</li>
 * <li>Resolution: a resolve while not resolved resolves the ticket; REOPENED makes it unresolved again.
 * First resolution = creation to the first resolve; full resolution = creation to the last resolve,
 * only for a ticket resolved after all its events (a currently reopened ticket is unresolved).</li>
 * <li>Open spans (backlog): open from creation until resolved or closed; REOPENED opens it again.</li>
 * <li>Agent replies (one-touch, follow-ups): public agent replies that are not the opening message.</li>
 * <li>SLA: for a resolved ticket whose priority has targets, breached when its business-hours first
 * response (if it had one) or full resolution exceeds the target.</li>
 * </ul>
 */
public final class TicketDeriver {

    private TicketDeriver() {
    }

    public static Derivation derive(TicketFacts t, List<TicketEvent> events, BusinessHours hours,
            Map<String, SlaTarget> targets, Function<String, String> teamOfAgent) {
        List<TicketEvent> sorted = new ArrayList<>(events);
        sorted.sort(TicketEvent.REPLAY_ORDER);
        Instant created = t.createdAt();
        Instant firstResponseAt = null;
        String firstResponder = null;
        Instant firstResolveAt = null;
        Instant lastResolveAt = null;
        String lastResolvedBy = null;
        String lastResolver = null;
        boolean resolved = false;
        boolean open = true;
        Instant openSince = created;
        int agentReplies = 0;
        List<OpenInterval> intervals = new ArrayList<>();
        for (TicketEvent e : sorted) {
            Instant at = e.at().isBefore(created) ? created : e.at();
            switch (e.type()) {
                case PUBLIC_AGENT_REPLY -> {
                    boolean openingMessage = t.openedByAgent() && !e.at().isAfter(created);
                    if (!openingMessage) {
                        agentReplies++;
                        if (firstResponseAt == null) {
                            firstResponseAt = at;
                            firstResponder = e.agentId();
                        }
                    }
                }
                case RESOLVED_BY_AGENT, RESOLVED_BY_AUTOMATION -> {
                    if (!resolved) {
                        resolved = true;
                        if (firstResolveAt == null) {
                            firstResolveAt = at;
                        }
                    }
                    lastResolveAt = at;
                    lastResolvedBy = e.type() == TicketEventType.RESOLVED_BY_AGENT ? TicketMetrics.BY_AGENT : TicketMetrics.BY_AUTOMATION;
                    lastResolver = e.type() == TicketEventType.RESOLVED_BY_AGENT ? e.agentId() : null;
                    if (open) {
                        intervals.add(new OpenInterval(openSince, at));
                        open = false;
                    }
                }
                case REOPENED -> {
                    resolved = false;
                    if (!open) {
                        open = true;
                        openSince = at;
                    }
                }
                case CLOSED -> {
                    if (open) {
                        intervals.add(new OpenInterval(openSince, at));
                        open = false;
                    }
                }
                default -> {
                    // customer replies, bot replies and private notes change no metric
                }
            }
        }
        if (open) {
            intervals.add(new OpenInterval(openSince, null));
        }
        String agent = resolved && TicketMetrics.BY_AGENT.equals(lastResolvedBy) ? lastResolver
                : firstResponder != null ? firstResponder : t.openedByAgentId();
        String team = agent == null ? null : teamOfAgent.apply(agent);

        Long frtCal = firstResponseAt == null ? null : calendar(created, firstResponseAt);
        Long frtBh = firstResponseAt == null ? null : hours.seconds(created, firstResponseAt);
        Long fresCal = firstResolveAt == null ? null : calendar(created, firstResolveAt);
        Long fresBh = firstResolveAt == null ? null : hours.seconds(created, firstResolveAt);
        Long resCal = resolved ? calendar(created, lastResolveAt) : null;
        Long resBh = resolved ? hours.seconds(created, lastResolveAt) : null;
        Boolean frtBreach = null;
        Boolean resBreach = null;
        SlaTarget target = targets.get(t.priority());
        if (resolved && target != null) {
            frtBreach = frtBh != null && frtBh > target.firstResponseSeconds();
            resBreach = resBh > target.resolutionSeconds();
        }
        TicketMetrics m = new TicketMetrics(t.id(), t.customerId(), t.channel(), t.priority(), agent, team, created,
                day(created, hours), day(firstResponseAt, hours), frtCal, frtBh,
                day(firstResolveAt, hours), fresCal, fresBh,
                resolved ? day(lastResolveAt, hours) : null, resCal, resBh,
                resolved ? lastResolvedBy : null, agentReplies, frtBreach, resBreach, open);
        return new Derivation(m, intervals);
    }

    private static long calendar(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    private static LocalDate day(Instant at, BusinessHours hours) {
        return at == null ? null : at.atZone(hours.zone()).toLocalDate();
    }
}
