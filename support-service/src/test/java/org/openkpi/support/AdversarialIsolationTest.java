package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.support.Assert.num;
import static org.openkpi.support.Gql.agent;
import static org.openkpi.support.Gql.csat;
import static org.openkpi.support.Gql.event;
import static org.openkpi.support.Gql.list;
import static org.openkpi.support.Gql.range;
import static org.openkpi.support.Gql.ticket;
import static org.openkpi.support.Gql.vars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Tenant B, holding every role, attacks tenant A's data through every root field of the live schema: guessed and known
 * ids, filters naming A's values, A's cursor, A's customers as entities, A's external ids and settings written as B.
 * B sees nothing of A and changes nothing of A (A's answers are compared exactly before and after). A root field
 * without an attack here fails the test.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AdversarialIsolationTest {

    static final Map<String, Object> JULY = range("2024-07-01", "2024-08-01");
    /** A filter naming A's values of every dimension. */
    static final Map<String, Object> A_FILTER = Map.of("channels", list("email", "chat"), "priorities", list("high", "normal", "low"),
            "agentIds", list("a1", "a2", "a3"), "teamIds", list("t-a", "t-b"), "customerIds", list("cust-1", "cust-2"));
    static final List<String> DIMENSIONS = List.of("CHANNEL", "PRIORITY", "AGENT", "TEAM", "CUSTOMER");
    static final String RISK = "query($after:String){supportRiskSignals(asOf:\"2024-07-15\", first:10, after:$after){edges{cursor"
            + " node{customerId ticketsLast30 ticketVolumeRising openTickets}} pageInfo{hasNextPage endCursor}}}";
    static final String PEOPLE = "{agentResolutionRates(range:{from:\"2024-07-01\",to:\"2024-08-01\"}){agentId name teamId resolved}"
            + " teamResolutionRates(range:{from:\"2024-07-01\",to:\"2024-08-01\"}){teamId name agents resolved}}";
    static final String SETTINGS = "{supportSettings{timeZone businessHours{weekday blocks{start end}} holidays"
            + " slaTargets{priority firstResponseHours resolutionHours}}}";

    /** Everything tenant A can read, exactly. */
    static List<Object> everything(Gql t) {
        List<Object> out = new ArrayList<>();
        for (String by : DIMENSIONS) {
            out.add(t.ok(Gql.SERIES, vars("r", JULY, "g", "MONTH", "by", by)).getMap("data"));
            out.add(t.ok(Gql.FRT, vars("r", JULY, "g", "MONTH", "by", by)).getMap("data"));
            out.add(t.ok(Gql.RES, vars("r", JULY, "g", "MONTH", "by", by, "k", "FIRST")).getMap("data"));
        }
        out.add(t.ok(PEOPLE).getMap("data"));
        out.add(t.ok("{backlog(at:\"2024-07-01T03:00:00Z\", groupBy:AGENT){group openTickets}}").getMap("data"));
        for (String c : List.of("cust-1", "cust-2")) {
            out.add(t.ok("query($c:String!){customerSupport(customerId:$c, range:{from:\"2024-07-01\",to:\"2024-08-01\"})"
                    + "{customerId openTickets ticketVolume{tickets} csat{value numerator denominator}}}", Map.of("c", c)).getMap("data"));
        }
        out.add(t.ok(RISK, Map.of()).getMap("data"));
        out.add(t.ok(SETTINGS).getMap("data"));
        out.add(t.ok(CustomerEntityTest.ENTITIES.replace("2024-05-01", "2024-07-01").replace("2024-08-01", "2024-09-01"),
                Map.of("reps", CustomerEntityTest.reps("cust-1", "cust-2"))).getMap("data"));
        return out;
    }

    /** Every point is a total (a group would be one of A's values) with zero counts; returns the number of points. */
    static int noData(JsonPath r, String path, String... countFields) {
        List<Map<String, Object>> points = r.getList(path);
        for (int i = 0; i < points.size(); i++) {
            assertNull(points.get(i).get("group"), r::prettify);
            for (String f : countFields) {
                num("0", r.get(path + "[" + i + "]." + f));
            }
        }
        return points.size();
    }

    @Test
    void tenantBSeesAndChangesNothingOfTenantA() {
        Gql a = SupportKpiTest.kpiTenant("adv-a");
        a.settings(Map.of("holidays", list("2024-12-25")));
        List<Object> before = everything(a);
        // A has data of every kind (exact values)
        JsonPath series = a.ok(Gql.SERIES, vars("r", JULY, "g", "MONTH"));
        num("5", series.get("data.supportSeries[0].ticketsCreated"));
        num("4", series.get("data.supportSeries[0].csat.denominator"));
        assertEquals(3, a.ok(PEOPLE).getList("data.agentResolutionRates").size());
        JsonPath aRisk = a.ok(RISK, Map.of());
        assertEquals(List.of("cust-2"), aRisk.getList("data.supportRiskSignals.edges.node.customerId"));
        String aCursor = aRisk.get("data.supportRiskSignals.edges[0].cursor");
        assertEquals("UTC", a.ok(SETTINGS).get("data.supportSettings.timeZone"));

        Gql b = Gql.as("adv-b", "kpi-viewer", "kpi-writer", "kpi-admin", "kpi-service");
        Map<String, Runnable> attacks = new LinkedHashMap<>();
        attacks.put("firstResponseTime", () -> {
            assertEquals(31, noData(b.ok(Gql.FRT, vars("r", JULY, "g", "DAY", "f", A_FILTER)), "data.firstResponseTime", "tickets"));
            for (String by : DIMENSIONS) {
                noData(b.ok(Gql.FRT, vars("r", JULY, "g", "MONTH", "by", by)), "data.firstResponseTime", "tickets");
            }
        });
        attacks.put("resolutionTime", () -> {
            for (String k : List.of("FULL", "FIRST")) {
                assertTrue(noData(b.ok(Gql.RES, vars("r", JULY, "g", "WEEK", "f", A_FILTER, "k", k)), "data.resolutionTime", "tickets") > 0);
            }
            for (String by : DIMENSIONS) {
                noData(b.ok(Gql.RES, vars("r", JULY, "g", "MONTH", "by", by)), "data.resolutionTime", "tickets");
            }
        });
        attacks.put("supportSeries", () -> {
            JsonPath r = b.ok(Gql.SERIES, vars("r", JULY, "g", "MONTH", "f", A_FILTER));
            assertEquals(1, noData(r, "data.supportSeries", "ticketsCreated", "ticketsResolved", "csat.denominator", "slaBreachRate.denominator"));
            for (String by : DIMENSIONS) {
                noData(b.ok(Gql.SERIES, vars("r", JULY, "g", "MONTH", "by", by)), "data.supportSeries", "ticketsCreated", "csat.denominator");
            }
        });
        attacks.put("agentResolutionRates", () -> {
            assertEquals(List.of(), b.ok("{agentResolutionRates(range:{from:\"2024-07-01\",to:\"2024-08-01\"}, teamId:\"t-a\"){agentId}}")
                    .getList("data.agentResolutionRates"));
            assertEquals(List.of(), b.ok(PEOPLE).getList("data.agentResolutionRates"));
        });
        attacks.put("teamResolutionRates", () -> assertEquals(List.of(), b.ok(PEOPLE).getList("data.teamResolutionRates")));
        attacks.put("backlog", () -> {
            for (String by : List.of("CHANNEL", "PRIORITY", "AGENT", "TEAM")) {
                JsonPath r = b.ok("{backlog(at:\"2024-07-01T03:00:00Z\", groupBy:" + by + "){group openTickets}}");
                assertEquals(1, r.getList("data.backlog").size(), r::prettify);
                num("0", r.get("data.backlog[0].openTickets"));
            }
        });
        attacks.put("customerSupport", () -> {
            for (String c : List.of("cust-1", "cust-2")) {
                JsonPath r = b.ok("query($c:String!){customerSupport(customerId:$c, range:{from:\"2024-07-01\",to:\"2024-08-01\"})"
                        + "{customerId openTickets ticketVolume{tickets} csat{denominator}}}", Map.of("c", c));
                num("0", r.get("data.customerSupport.openTickets"));
                num("0", r.get("data.customerSupport.ticketVolume[0].tickets"));
                num("0", r.get("data.customerSupport.csat.denominator"));
            }
        });
        attacks.put("supportRiskSignals", () -> {
            assertEquals(List.of(), b.ok(RISK, Map.of()).getList("data.supportRiskSignals.edges"));
            Map<String, Object> after = new HashMap<>();
            after.put("after", aCursor);
            assertEquals(List.of(), b.ok(RISK, after).getList("data.supportRiskSignals.edges"));
        });
        attacks.put("supportServiceInfo", () -> assertEquals("adv-b", b.ok("{supportServiceInfo{tenant}}").get("data.supportServiceInfo.tenant")));
        attacks.put("supportSettings", () -> {
            JsonPath s = b.ok(SETTINGS);
            assertEquals("UTC", s.get("data.supportSettings.timeZone"));
            assertEquals(List.of(), s.getList("data.supportSettings.holidays"));
            assertEquals(List.of(), s.getList("data.supportSettings.slaTargets"));
        });
        attacks.put("_entities", () -> {
            JsonPath r = b.ok(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("cust-1", "cust-2")));
            assertEquals(List.of("cust-1", "cust-2"), r.getList("data._entities.id"));
            assertNull(r.get("data._entities[0].support"));
            assertNull(r.get("data._entities[1].support"));
        });
        attacks.put("_service", () -> {
            String sdl = b.ok("{_service{sdl}}").get("data._service.sdl");
            assertTrue(sdl.contains("type Customer") && !sdl.contains("cust-1"), sdl);
        });
        // writes: guessed ids that are A's refer to nothing of B; the same external ids are B's own facts
        attacks.put("recordTeams", () -> {
            JsonPath r = b.teams(list(Map.of("externalId", "t-a", "name", "B's team")));
            num("1", r.get("data.recordTeams.accepted"));
            num("0", r.get("data.recordTeams.replaced"));
        });
        attacks.put("recordAgents", () -> {
            assertEquals("teamId", b.run(Gql.AGENTS, Map.of("x", list(agent("a9", "t-b")))).get("errors[0].extensions.field"));
            JsonPath r = b.agents(list(agent("a1", "t-a"), agent("a2", null)));
            num("2", r.get("data.recordAgents.accepted"));
            num("0", r.get("data.recordAgents.replaced"));
        });
        attacks.put("recordTickets", () -> {
            Map<String, Object> agentOpened = new HashMap<>(ticket("k9", "cust-1", "email", "high", "2024-07-01T00:00:00Z"));
            agentOpened.put("openedBy", "AGENT");
            agentOpened.put("openedByAgentId", "a3");
            assertEquals("openedByAgentId", b.run(Gql.TICKETS, Map.of("x", list(agentOpened))).get("errors[0].extensions.field"));
            JsonPath r = b.tickets(list(ticket("k1", "cust-1", "phone", "low", "2024-07-02T00:00:00Z"),
                    ticket("k2", "cust-2", "phone", "low", "2024-07-02T00:00:00Z")));
            num("2", r.get("data.recordTickets.accepted"));
            num("0", r.get("data.recordTickets.replaced"));
        });
        attacks.put("recordTicketEvents", () -> {
            assertEquals("ticketId", b.run(Gql.EVENTS, Map.of("x", list(event("x1", "k3", "CUSTOMER_REPLY", "2024-07-01T00:05:00Z", null))))
                    .get("errors[0].extensions.field"));
            JsonPath r = b.events(list(event("k1-r", "k1", "PUBLIC_AGENT_REPLY", "2024-07-01T00:01:00Z", "a1"),
                    event("k4-s", "k1", "RESOLVED_BY_AGENT", "2024-07-01T00:02:00Z", "a1")));
            num("2", r.get("data.recordTicketEvents.accepted"));
            num("0", r.get("data.recordTicketEvents.replaced"));
        });
        attacks.put("recordCsatResponses", () -> {
            assertEquals("ticketId", b.run(Gql.CSAT, Map.of("x", list(csat("q9", "k3", 1, "2024-07-03T00:00:00Z"))))
                    .get("errors[0].extensions.field"));
            JsonPath r = b.csat(list(csat("q1", "k1", 1, "2024-07-03T00:00:00Z")));
            num("1", r.get("data.recordCsatResponses.accepted"));
            num("0", r.get("data.recordCsatResponses.replaced"));
        });
        attacks.put("updateSupportSettings", () -> {
            Map<String, Object> s = new HashMap<>(SupportKpiTest.roundTheClock());
            s.put("timeZone", "Asia/Tokyo");
            s.put("holidays", list("2024-07-01"));
            s.put("slaTargets", list(Map.of("priority", "high", "firstResponseHours", 100, "resolutionHours", 200)));
            assertEquals("Asia/Tokyo", b.settings(s).get("data.updateSupportSettings.timeZone"));
        });

        // the attacks cover exactly the live schema's root fields
        // (two requests: graphql-java's good-faith introspection check allows __Type.fields once per request)
        Set<String> roots = new TreeSet<>(b.ok("{__schema{queryType{fields{name}}}}").getList("data.__schema.queryType.fields.name"));
        roots.addAll(b.ok("{__schema{mutationType{fields{name}}}}").getList("data.__schema.mutationType.fields.name"));
        JsonPath badFaith = b.run("{__schema{queryType{fields{name}} mutationType{fields{name}}}}", null);
        assertEquals("LIMIT_EXCEEDED", badFaith.get("errors[0].extensions.code"), badFaith::prettify);
        assertEquals(roots, new TreeSet<>(attacks.keySet()));
        attacks.values().forEach(Runnable::run);
        // B's writes became B's own facts
        JsonPath own = b.ok(Gql.SERIES, vars("r", JULY, "g", "MONTH"));
        num("2", own.get("data.supportSeries[0].ticketsCreated"));
        num("1", own.get("data.supportSeries[0].csat.denominator"));

        // A is exactly as before
        assertEquals(before, everything(a));
        assertEquals("UTC", a.ok(SETTINGS).get("data.supportSettings.timeZone"));
        assertEquals(List.of("2024-12-25"), a.ok(SETTINGS).getList("data.supportSettings.holidays"));
        assertEquals(List.of("A", "B"), a.ok(PEOPLE).getList("data.teamResolutionRates.name"));
    }
}
