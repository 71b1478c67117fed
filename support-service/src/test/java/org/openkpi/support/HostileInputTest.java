package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.support.Gql.agent;
import static org.openkpi.support.Gql.csat;
import static org.openkpi.support.Gql.event;
import static org.openkpi.support.Gql.list;
import static org.openkpi.support.Gql.range;
import static org.openkpi.support.Gql.ticket;
import static org.openkpi.support.Gql.vars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Hostile and broken input for every ingestion mutation: each is refused with its code and, where an element is at
 * fault, its index and field; no message leaks internals; a refused batch writes nothing (its bad element is last); SQL
 * and script fragments are plain data; the service keeps serving.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    static final String TENANT = "hostile";
    static final String SQL = "'); DROP TABLE ticket; --";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String MEGA = "x".repeat(1024 * 1024);
    static final String NUL = "bad\u0000id";
    static final String CREATED = "2024-06-03T00:00:00Z";
    static final Map<String, Object> JUNE = range("2024-06-01", "2024-07-01");
    static boolean prepared;

    final Gql t = Gql.as(TENANT);

    /** Agents a1, a2 and team tm; tickets base-0 .. base-4 created on June 3rd; one reply to base-0; one CSAT response. */
    @BeforeEach
    void prepare() {
        if (prepared) {
            return;
        }
        t.settings(Map.of("timeZone", "UTC"));
        t.teams(list(Map.of("externalId", "tm", "name", "Team")));
        t.agents(list(agent("a1", "tm"), agent("a2", "tm")));
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(ticket("base-" + i, "c" + i, "email", "normal", CREATED));
        }
        t.tickets(tickets);
        t.events(list(event("base-0-r", "base-0", "PUBLIC_AGENT_REPLY", "2024-06-03T10:00:00Z", "a1")));
        t.csat(list(csat("base-0-q", "base-0", 5, "2024-06-04T00:00:00Z")));
        prepared = true;
    }

    /** Everything a stored element of any kind would change, read back. */
    List<Object> snapshot() {
        return List.of(
                t.ok("{teamResolutionRates(range:{from:\"2024-06-01\",to:\"2024-07-01\"}){teamId name agents}"
                        + " agentResolutionRates(range:{from:\"2024-06-01\",to:\"2024-07-01\"}){agentId name teamId}}").getMap("data"),
                t.ok(Gql.SERIES, vars("r", JUNE, "g", "MONTH", "by", "CHANNEL")).getMap("data"),
                t.ok(Gql.FRT, vars("r", JUNE, "g", "MONTH")).getMap("data"));
    }

    /** One ingestion mutation: its operation, a valid element per index, and its fields by kind. */
    record Kind(String mutation, String operation, IntFunction<Map<String, Object>> valid, List<String> stringFields,
            List<String> instantFields, Map<String, String> enumFields, List<String> numberFields, String otherField, Object otherValue) {
    }

    static Map<String, Object> with(Map<String, Object> element, String field, Object value) {
        Map<String, Object> m = new HashMap<>(element);
        m.put(field, value);
        return m;
    }

    static final Kind TEAMS = new Kind("recordTeams", Gql.TEAMS, i -> new HashMap<>(Map.of("externalId", "nt-" + i, "name", "New team " + i)),
            List.of("externalId", "name"), List.of(), Map.of(), List.of(), "name", "Other");
    static final Kind AGENTS = new Kind("recordAgents", Gql.AGENTS, i -> agent("na-" + i, "tm"),
            List.of("externalId", "name", "teamId"), List.of(), Map.of(), List.of(), "name", "Other");
    static final Kind TICKETS = new Kind("recordTickets", Gql.TICKETS, i -> ticket("nk-" + i, "nc", "chat", "high", CREATED),
            List.of("externalId", "customerId", "channel", "priority"), List.of("createdAt"), Map.of("openedBy", "ROBOT"), List.of(), "priority", "low");
    static final Kind EVENTS = new Kind("recordTicketEvents", Gql.EVENTS,
            i -> event("ne-" + i, "base-" + (1 + i % 4), "PUBLIC_AGENT_REPLY", "2024-06-03T01:00:00Z", "a2"),
            List.of("externalId", "ticketId", "agentId"), List.of("at"), Map.of("type", "SHOUTED"), List.of(), "at", "2024-06-03T02:00:00Z");
    static final Kind CSAT = new Kind("recordCsatResponses", Gql.CSAT, i -> csat("nq-" + i, "base-" + (1 + i % 4), 1, "2024-06-05T00:00:00Z"),
            List.of("externalId", "ticketId"), List.of("respondedAt"), Map.of(), List.of("rating"), "rating", 2);

    /** Runs the batch and checks the refusal: code, index and field of the bad element, a clean message, no data. */
    JsonPath refused(Kind k, List<Map<String, Object>> batch, String code, Integer index, String field) {
        JsonPath r = t.run(k.operation(), Map.of("x", batch));
        String why = k.mutation() + " " + field + ": " + r.prettify();
        assertEquals(code, r.get("errors[0].extensions.code"), why);
        if (index != null) {
            assertEquals(index, intOrNull(r.get("errors[0].extensions.index")), why);
        }
        if (field != null) {
            assertEquals(field, r.get("errors[0].extensions.field"), why);
        }
        String message = r.getString("errors[0].message");
        for (String leak : List.of("SQL", "org.", "java.", "Exception", "\tat ")) {
            assertTrue(!message.contains(leak), () -> "leaks '" + leak + "': " + why);
        }
        assertNull(r.get("data." + k.mutation()), why);
        return r;
    }

    static Integer intOrNull(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    /** Two valid new elements, then the given one: the bad element is last. */
    static List<Map<String, Object>> lastBad(Kind k, Map<String, Object> bad) {
        return list(k.valid().apply(0), k.valid().apply(1), bad);
    }

    void hostile(Kind k) {
        List<Object> before = snapshot();
        Map<String, Object> good = k.valid().apply(2);

        // wrong types: a number for a string, a string for a number, a string for the list (a single object would be
        // a list of one, as GraphQL's input coercion says)
        for (String f : k.stringFields()) {
            refused(k, lastBad(k, with(good, f, 12345)), "VALIDATION", 2, f);
        }
        for (String f : k.numberFields()) {
            refused(k, lastBad(k, with(good, f, "five")), "VALIDATION", 2, f);
            refused(k, lastBad(k, with(good, f, List.of(4))), "VALIDATION", 2, f);
        }
        JsonPath notAList = t.run(k.operation(), Map.of("x", "not a list"));
        assertEquals("VALIDATION", notAList.get("errors[0].extensions.code"), notAList::prettify);
        // a batch one above the maximum names the maximum
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            tooMany.add(k.valid().apply(i));
        }
        JsonPath limit = refused(k, tooMany, "LIMIT_EXCEEDED", null, null);
        assertTrue(limit.getString("errors[0].message").contains("5000"), limit::prettify);
        // a 1 MB string, a NUL character, an empty one, in every string field
        for (String f : k.stringFields()) {
            refused(k, lastBad(k, with(good, f, MEGA)), "VALIDATION", 2, f);
            refused(k, lastBad(k, with(good, f, NUL)), "VALIDATION", 2, f);
            refused(k, lastBad(k, with(good, f, "tab\tis fine but not \u001b")), "VALIDATION", 2, f);
        }
        // numbers: negative, zero, absurd, NaN and Infinity
        for (String f : k.numberFields()) {
            for (Object v : List.of(-1, 0, 6, 2147483647, 1e300, "NaN", "Infinity", "-Infinity", 4.5)) {
                refused(k, lastBad(k, with(good, f, v)), "VALIDATION", 2, f);
            }
        }
        // instants out of range and malformed
        for (String f : k.instantFields()) {
            for (String v : List.of("1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "+12024-06-03T00:00:00Z", "2024-02-30T00:00:00Z",
                    "2024-06-03", "yesterday", "2024-06-03T00:00:00")) {
                refused(k, lastBad(k, with(good, f, v)), "VALIDATION", 2, f);
            }
        }
        // unknown enum values
        k.enumFields().forEach((f, v) -> refused(k, lastBad(k, with(good, f, v)), "VALIDATION", 2, f));
        // the same external id twice with different content: CONFLICT at the second
        Map<String, Object> twin = with(k.valid().apply(0), k.otherField(), k.otherValue());
        refused(k, list(k.valid().apply(0), k.valid().apply(1), twin), "CONFLICT", 2, null);

        // nothing of any refused batch was written, and the service keeps serving
        assertEquals(before, snapshot());
        JsonPath ok = t.ok(k.operation(), Map.of("x", list(k.valid().apply(0), k.valid().apply(1))));
        assertEquals(2, ok.getInt("data." + k.mutation() + ".accepted"));
    }

    @Test
    void teams() {
        hostile(TEAMS);
        // SQL and script fragments are data, stored and returned verbatim
        t.teams(list(Map.of("externalId", SCRIPT, "name", SQL)));
        List<Map<String, Object>> teams = t.ok("{teamResolutionRates(range:{from:\"2024-06-01\",to:\"2024-07-01\"}){teamId name}}")
                .getList("data.teamResolutionRates");
        assertTrue(teams.contains(Map.of("teamId", SCRIPT, "name", SQL)), teams::toString);
    }

    @Test
    void agents() {
        hostile(AGENTS);
        t.agents(list(agent(SQL, null), Map.of("externalId", "na-script", "name", SCRIPT)));
        List<Map<String, Object>> agents = t.ok("{agentResolutionRates(range:{from:\"2024-06-01\",to:\"2024-07-01\"}){agentId name}}")
                .getList("data.agentResolutionRates");
        assertTrue(agents.contains(Map.of("agentId", SQL, "name", "Agent " + SQL)), agents::toString);
        assertTrue(agents.contains(Map.of("agentId", "na-script", "name", SCRIPT)), agents::toString);
    }

    @Test
    void tickets() {
        hostile(TICKETS);
        t.tickets(list(ticket("nk-sql", SCRIPT, SQL, "normal", CREATED)));
        List<Object> groups = t.ok(Gql.SERIES, vars("r", JUNE, "g", "MONTH", "by", "CHANNEL")).getList("data.supportSeries.group");
        assertTrue(groups.contains(SQL), groups::toString);
        JsonPath customer = t.ok("query($c:String!){customerSupport(customerId:$c, range:{from:\"2024-06-01\",to:\"2024-07-01\"}){customerId openTickets}}",
                Map.of("c", SCRIPT));
        assertEquals(SCRIPT, customer.get("data.customerSupport.customerId"));
        assertEquals(1, customer.getInt("data.customerSupport.openTickets"));
    }

    @Test
    void ticketEvents() {
        hostile(EVENTS);
        List<Map<String, Object>> e = list(event(SQL, "base-4", "CUSTOMER_REPLY", "2024-06-03T05:00:00Z", null),
                event(SCRIPT, "base-4", "BOT_REPLY", "2024-06-03T05:00:00Z", null));
        assertEquals(2, t.events(e).getInt("data.recordTicketEvents.accepted"));
        assertEquals(2, t.events(e).getInt("data.recordTicketEvents.unchanged"));
    }

    @Test
    void csatResponses() {
        hostile(CSAT);
        List<Map<String, Object>> q = list(csat(SQL, "base-4", 2, "2024-06-05T00:00:00Z"), csat(SCRIPT, "base-4", 3, "2024-06-05T00:00:00Z"));
        assertEquals(2, t.csat(q).getInt("data.recordCsatResponses.accepted"));
        assertEquals(2, t.csat(q).getInt("data.recordCsatResponses.unchanged"));
    }

    @Test
    void settingsRefuseNonFiniteAndAbsurdHoursAndDates() {
        for (Object hours : List.of("NaN", "Infinity", -1, 0, 1e13, 0.0000001, "0.5", "many")) {
            JsonPath r = t.run(Gql.SETTINGS, Map.of("s", Map.of("slaTargets",
                    list(Map.of("priority", "high", "firstResponseHours", 1, "resolutionHours", 4),
                            Map.of("priority", "low", "firstResponseHours", hours, "resolutionHours", 4)))));
            assertEquals("VALIDATION", r.get("errors[0].extensions.code"), r::prettify);
            assertEquals(1, intOrNull(r.get("errors[0].extensions.index")), r::prettify);
            assertTrue(r.getString("errors[0].extensions.field").contains("firstResponseHours"), r::prettify);
        }
        for (String day : List.of("1969-12-25", "2200-12-25", "2024-13-01", NUL)) {
            JsonPath r = t.run(Gql.SETTINGS, Map.of("s", Map.of("holidays", list("2024-12-25", day))));
            assertEquals("VALIDATION", r.get("errors[0].extensions.code"), r::prettify);
            assertEquals(1, intOrNull(r.get("errors[0].extensions.index")), r::prettify);
        }
        JsonPath zone = t.run(Gql.SETTINGS, Map.of("s", Map.of("timeZone", NUL)));
        assertEquals("VALIDATION", zone.get("errors[0].extensions.code"), zone::prettify);
        assertEquals("UTC", t.ok("{supportSettings{timeZone holidays slaTargets{priority}}}").get("data.supportSettings.timeZone"));
        assertEquals(List.of(), t.ok("{supportSettings{holidays}}").getList("data.supportSettings.holidays"));
    }

    @Test
    void queriesRefuseControlCharactersAndOutOfRangeDates() {
        for (String q : List.of(
                "query($c:String!){customerSupport(customerId:$c, range:{from:\"2024-06-01\",to:\"2024-07-01\"}){openTickets}}",
                "query($c:String!){firstResponseTime(range:{from:\"2024-06-01\",to:\"2024-07-01\"}, granularity:MONTH, filter:{channels:[$c]}){tickets}}",
                "query($c:String!){backlog(at:$c){openTickets}}",
                "query($c:String!){supportRiskSignals(after:$c){pageInfo{hasNextPage}}}")) {
            JsonPath r = t.run(q, Map.of("c", NUL));
            assertEquals("VALIDATION", r.get("errors[0].extensions.code"), r::prettify);
        }
        JsonPath old = t.run("{supportSeries(range:{from:\"0001-01-01\",to:\"2024-07-01\"}, granularity:YEAR){ticketsCreated}}", null);
        assertEquals("VALIDATION", old.get("errors[0].extensions.code"), old::prettify);
        JsonPath date = t.run("{supportSeries(range:{from:\"2024-02-30\",to:\"2024-07-01\"}, granularity:YEAR){ticketsCreated}}", null);
        assertEquals("VALIDATION", date.get("errors[0].extensions.code"), date::prettify);
    }
}
