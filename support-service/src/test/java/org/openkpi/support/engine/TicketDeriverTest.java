package org.openkpi.support.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Derivation rules of a single ticket. */
class TicketDeriverTest {

    static final BusinessHours ALWAYS;

    static {
        Map<DayOfWeek, List<BusinessHours.Block>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, List.of(new BusinessHours.Block(0, 1440)));
        }
        ALWAYS = new BusinessHours(ZoneId.of("UTC"), week, Set.of());
    }

    static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    static TicketEvent ev(String id, TicketEventType type, int minutes, String agent) {
        return new TicketEvent(id, "t", type, T0.plusSeconds(minutes * 60L), agent);
    }

    static Derivation derive(TicketFacts t, List<TicketEvent> events) {
        return TicketDeriver.derive(t, events, ALWAYS, Map.of("high", new SlaTarget(3600, 4 * 3600)), a -> "team-" + a);
    }

    static final TicketFacts BY_CUSTOMER = new TicketFacts("t", "c", "email", "high", T0, false, null);

    @Test
    void botRepliesAndPrivateNotesDoNotStopTheClock() {
        TicketMetrics m = derive(BY_CUSTOMER, List.of(ev("e1", TicketEventType.BOT_REPLY, 1, null),
                ev("e2", TicketEventType.PRIVATE_AGENT_NOTE, 10, "a1"), ev("e3", TicketEventType.CUSTOMER_REPLY, 20, null),
                ev("e4", TicketEventType.PUBLIC_AGENT_REPLY, 90, "a2"))).metrics();
        assertEquals(90 * 60L, m.frtCal());
        assertEquals("a2", m.agentId());
        assertEquals("team-a2", m.teamId());
        assertEquals(1, m.agentReplies());
    }

    @Test
    void anAgentOpenedTicketWaitsForTheNextPublicAgentReply() {
        TicketFacts t = new TicketFacts("t", "c", "email", "high", T0, true, "a1");
        TicketMetrics m = derive(t, List.of(ev("open", TicketEventType.PUBLIC_AGENT_REPLY, 0, "a1"),
                ev("c", TicketEventType.CUSTOMER_REPLY, 30, null), ev("r", TicketEventType.PUBLIC_AGENT_REPLY, 120, "a1"))).metrics();
        assertEquals(120 * 60L, m.frtCal());
        assertEquals(1, m.agentReplies());
    }

    @Test
    void aReopenedTicketRunsToItsLastResolveAndIsUnresolvedWhileReopened() {
        List<TicketEvent> events = new ArrayList<>(List.of(ev("r1", TicketEventType.PUBLIC_AGENT_REPLY, 30, "a1"),
                ev("s1", TicketEventType.RESOLVED_BY_AGENT, 60, "a1"), ev("o", TicketEventType.REOPENED, 300, null)));
        Derivation reopened = derive(BY_CUSTOMER, events);
        assertEquals(3600L, reopened.metrics().firstResCal());
        assertNull(reopened.metrics().resCal());
        assertTrue(reopened.metrics().open());
        assertEquals(2, reopened.intervals().size());
        assertNull(reopened.intervals().get(1).closedAt());

        events.add(ev("s2", TicketEventType.RESOLVED_BY_AUTOMATION, 600, null));
        Derivation resolved = derive(BY_CUSTOMER, events);
        assertEquals(3600L, resolved.metrics().firstResCal());
        assertEquals(600 * 60L, resolved.metrics().resCal());
        assertEquals(TicketMetrics.BY_AUTOMATION, resolved.metrics().resolvedBy());
        assertFalse(resolved.metrics().open());
        // resolution 10 h > 4 h target; first response 30 min < 1 h
        assertEquals(Boolean.FALSE, resolved.metrics().frtBreach());
        assertEquals(Boolean.TRUE, resolved.metrics().resBreach());
    }

    @Test
    void theOrderEventsArriveInDoesNotMatter() {
        List<TicketEvent> events = new ArrayList<>(List.of(ev("a", TicketEventType.BOT_REPLY, 1, null),
                ev("b", TicketEventType.PUBLIC_AGENT_REPLY, 45, "a1"), ev("c", TicketEventType.RESOLVED_BY_AGENT, 50, "a1"),
                ev("d", TicketEventType.REOPENED, 70, null), ev("e", TicketEventType.PUBLIC_AGENT_REPLY, 80, "a2"),
                ev("f", TicketEventType.RESOLVED_BY_AGENT, 95, "a2"), ev("g", TicketEventType.CLOSED, 200, null),
                // same instant as f: replayed by external id
                ev("f0", TicketEventType.CUSTOMER_REPLY, 95, null)));
        Derivation expected = derive(BY_CUSTOMER, events);
        Random rnd = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(events, rnd);
            assertEquals(expected, derive(BY_CUSTOMER, events));
        }
        assertEquals("a2", expected.metrics().agentId());
        assertEquals(2, expected.metrics().agentReplies());
    }
}
