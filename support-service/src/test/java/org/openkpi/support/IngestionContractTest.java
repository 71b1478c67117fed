package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.support.Assert.num;
import static org.openkpi.support.Gql.ALL_DAYS;
import static org.openkpi.support.Gql.agent;
import static org.openkpi.support.Gql.csat;
import static org.openkpi.support.Gql.event;
import static org.openkpi.support.Gql.list;
import static org.openkpi.support.Gql.range;
import static org.openkpi.support.Gql.ticket;
import static org.openkpi.support.Gql.vars;
import static org.openkpi.support.Gql.week;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Batches: all or nothing, idempotent, coded errors; out-of-order and late events (tenant isolation: AdversarialIsolationTest). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class IngestionContractTest {

    static final Map<String, Object> JUNE = range("2024-06-01", "2024-07-01");

    static Gql tenantWithTickets(String tenant, int tickets) {
        Gql t = Gql.as(tenant);
        t.settings(Map.of("timeZone", "UTC", "businessHours", week(ALL_DAYS, "00:00-24:00")));
        t.agents(list(agent("a1", null), agent("a2", null)));
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            list.add(ticket("t" + i, "c" + (i % 3), i % 2 == 0 ? "email" : "chat", i % 3 == 0 ? "high" : "normal",
                    at(i * 37L)));
        }
        t.tickets(list);
        return t;
    }

    static String at(long minutesAfterJuneFirst) {
        return Instant.parse("2024-06-01T00:00:00Z").plusSeconds(minutesAfterJuneFirst * 60).toString();
    }

    static JsonPath frt(Gql t) {
        return t.ok(Gql.FRT, vars("r", JUNE, "g", "MONTH"));
    }

    static String errorCode(JsonPath r) {
        return r.get("errors[0].extensions.code");
    }

    @Test
    void theSameBatchTwiceChangesNothing() {
        Gql t = tenantWithTickets("idem", 3);
        List<Map<String, Object>> events = list(event("e1", "t0", "PUBLIC_AGENT_REPLY", at(60), "a1"),
                event("e2", "t1", "PUBLIC_AGENT_REPLY", at(37 + 120), "a1"));
        JsonPath first = t.events(events);
        num("2", first.get("data.recordTicketEvents.accepted"));
        JsonPath before = frt(t);
        JsonPath again = t.events(events);
        num("0", again.get("data.recordTicketEvents.accepted"));
        num("2", again.get("data.recordTicketEvents.unchanged"));
        num("0", again.get("data.recordTicketEvents.replaced"));
        assertEquals(before.getMap("data"), frt(t).getMap("data"));
        num("1.5", before.get("data.firstResponseTime[0].calendarHours.mean"));
        // tickets again: unchanged too
        JsonPath tickets = t.ok(Gql.TICKETS, Map.of("x", list(ticket("t0", "c0", "email", "high", at(0)))));
        num("1", tickets.get("data.recordTickets.unchanged"));
        // a changed event replaces the stored one and every KPI it touches
        JsonPath replaced = t.events(list(event("e1", "t0", "PUBLIC_AGENT_REPLY", at(180), "a1")));
        num("1", replaced.get("data.recordTicketEvents.replaced"));
        num("2.5", frt(t).get("data.firstResponseTime[0].calendarHours.mean"));
        // an event moved to another ticket re-derives both
        t.events(list(event("e1", "t2", "PUBLIC_AGENT_REPLY", at(74 + 60), "a1")));
        JsonPath moved = frt(t);
        num("2", moved.get("data.firstResponseTime[0].tickets"));
        num("1.5", moved.get("data.firstResponseTime[0].calendarHours.mean"));
    }

    @Test
    void oneBadElementWritesNothingAndNamesItsIndex() {
        Gql t = tenantWithTickets("atomic", 2);
        JsonPath bad = t.run(Gql.EVENTS, Map.of("x", list(event("e1", "t0", "PUBLIC_AGENT_REPLY", at(60), "a1"),
                event("e2", "t1", "PUBLIC_AGENT_REPLY", "yesterday", "a1"))));
        assertEquals("VALIDATION", errorCode(bad));
        num("1", bad.get("errors[0].extensions.index"));
        assertEquals("at", bad.get("errors[0].extensions.field"));
        num("0", frt(t).get("data.firstResponseTime[0].tickets"));

        JsonPath unknownTicket = t.run(Gql.EVENTS, Map.of("x", list(event("e1", "t0", "PUBLIC_AGENT_REPLY", at(60), "a1"),
                event("e3", "nope", "CUSTOMER_REPLY", at(60), null))));
        assertEquals("VALIDATION", errorCode(unknownTicket));
        num("1", unknownTicket.get("errors[0].extensions.index"));
        assertEquals("ticketId", unknownTicket.get("errors[0].extensions.field"));

        JsonPath noAgent = t.run(Gql.EVENTS, Map.of("x", list(event("e4", "t0", "RESOLVED_BY_AGENT", at(60), null))));
        assertEquals("agentId", noAgent.get("errors[0].extensions.field"));
        JsonPath unknownAgent = t.run(Gql.EVENTS, Map.of("x", list(event("e4", "t0", "PUBLIC_AGENT_REPLY", at(60), "ghost"))));
        assertEquals("agentId", unknownAgent.get("errors[0].extensions.field"));

        JsonPath rating = t.run(Gql.CSAT, Map.of("x", list(csat("q1", "t0", 5, at(10)), csat("q2", "t0", 6, at(10)))));
        assertEquals("VALIDATION", errorCode(rating));
        num("1", rating.get("errors[0].extensions.index"));
        assertEquals("rating", rating.get("errors[0].extensions.field"));
        assertNull(t.ok(Gql.SERIES, vars("r", JUNE, "g", "MONTH")).get("data.supportSeries[0].csat.value"));

        JsonPath conflict = t.run(Gql.EVENTS, Map.of("x", list(event("e1", "t0", "PUBLIC_AGENT_REPLY", at(60), "a1"),
                event("e1", "t0", "PUBLIC_AGENT_REPLY", at(90), "a1"))));
        assertEquals("CONFLICT", errorCode(conflict));
        num("1", conflict.get("errors[0].extensions.index"));

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            tooMany.add(Map.of("externalId", "team" + i));
        }
        assertEquals("LIMIT_EXCEEDED", errorCode(t.run(Gql.TEAMS, Map.of("x", tooMany))));

        JsonPath badZone = t.run(Gql.SETTINGS, Map.of("s", Map.of("timeZone", "Mars/Olympus")));
        assertEquals("VALIDATION", errorCode(badZone));
        assertEquals("timeZone", badZone.get("errors[0].extensions.field"));
        assertTrue(!badZone.prettify().contains("java.") && !badZone.prettify().contains("org.openkpi"), () -> "no internals leak: " + badZone.prettify());
    }

    /** A history of 12 tickets with replies, notes, resolves, reopens and closes. */
    static List<Map<String, Object>> history() {
        Random rnd = new Random(11);
        String[] types = {"PUBLIC_AGENT_REPLY", "PRIVATE_AGENT_NOTE", "BOT_REPLY", "CUSTOMER_REPLY", "RESOLVED_BY_AGENT",
            "RESOLVED_BY_AUTOMATION", "REOPENED", "CLOSED"};
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long t = i * 37L;
            for (int k = 0; k < 7; k++) {
                t += 5 + rnd.nextInt(600);
                String type = types[rnd.nextInt(types.length)];
                boolean agent = type.equals("PUBLIC_AGENT_REPLY") || type.equals("PRIVATE_AGENT_NOTE") || type.equals("RESOLVED_BY_AGENT");
                events.add(event("t" + i + "-e" + k, "t" + i, type, at(t), agent ? (rnd.nextBoolean() ? "a1" : "a2") : null));
            }
        }
        return events;
    }

    static List<Object> everything(Gql t) {
        List<Object> out = new ArrayList<>();
        out.add(t.ok(Gql.FRT, vars("r", JUNE, "g", "DAY")).getMap("data"));
        out.add(t.ok(Gql.RES, vars("r", JUNE, "g", "WEEK", "k", "FULL", "by", "AGENT")).getMap("data"));
        out.add(t.ok(Gql.RES, vars("r", JUNE, "g", "MONTH", "k", "FIRST")).getMap("data"));
        out.add(t.ok(Gql.SERIES, vars("r", JUNE, "g", "DAY", "by", "CHANNEL")).getMap("data"));
        for (int h = 0; h < 200; h += 7) {
            out.add(t.ok("{backlog(at:\"" + at(h * 10L) + "\",groupBy:PRIORITY){group openTickets}}").getMap("data"));
        }
        return out;
    }

    @Test
    void eventsOutOfOrderGiveTheSameResultAsInOrder() {
        List<Map<String, Object>> events = history();
        Gql ordered = tenantWithTickets("in-order", 12);
        List<Map<String, Object>> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> ((String) a.get("at")).compareTo((String) b.get("at")));
        ordered.events(sorted);

        Gql shuffled = tenantWithTickets("out-of-order", 12);
        List<Map<String, Object>> mixed = new ArrayList<>(events);
        Collections.shuffle(mixed, new Random(3));
        // late delivery in small batches, the earliest events last
        Collections.reverse(mixed.subList(0, mixed.size()));
        for (int i = 0; i < mixed.size(); i += 9) {
            shuffled.events(mixed.subList(i, Math.min(mixed.size(), i + 9)));
        }
        List<Object> expected = everything(ordered);
        assertEquals(expected, everything(shuffled));
        // and the same again changes nothing
        shuffled.events(mixed.subList(0, 20));
        assertEquals(expected, everything(shuffled));
    }
}
