package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.support.Assert.num;
import static org.openkpi.support.Gql.csat;
import static org.openkpi.support.Gql.event;
import static org.openkpi.support.Gql.ticket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** supportRiskSignals: each flag fires for one customer and not for its near misses; paging; limits; tenant isolation. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RiskSignalsTest {

    static final String QUERY = "query($asOf:Date,$first:Int,$after:String){ supportRiskSignals(asOf:$asOf, first:$first, after:$after){"
            + " edges{ cursor node{ customerId ticketsLast30 ticketsPrevious30 ticketVolumeRising csatResponsesLast90"
            + " csatLast90{ value numerator denominator reason } lowCsat openTickets } } pageInfo{ hasNextPage endCursor } } }";

    static Map<String, Object> vars(String asOf, Integer first, String after) {
        Map<String, Object> m = new HashMap<>();
        m.put("asOf", asOf);
        if (first != null) {
            m.put("first", first);
        }
        m.put("after", after);
        return m;
    }

    /** asOf 2024-06-30: last 30 days = [2024-05-31, 2024-06-30), previous 30 = [2024-05-01, 2024-05-31), CSAT from 2024-04-01. */
    static Gql tenant(String name) {
        Gql t = Gql.as(name);
        List<Map<String, Object>> tickets = new ArrayList<>();
        int[] n = { 0 };
        java.util.function.BiConsumer<String, String> add = (customer, at) -> tickets.add(ticket(customer + "-" + (n[0]++), customer,
                "email", "normal", at));
        // 3 in the last 30 days vs 1 before: rising; one on asOf itself and one before the windows do not count
        for (String at : List.of("2024-05-31T00:00:00Z", "2024-06-15T00:00:00Z", "2024-06-29T23:59:00Z", "2024-05-20T00:00:00Z",
                "2024-06-30T10:00:00Z", "2024-04-30T10:00:00Z")) {
            add.accept("rise-3", at);
        }
        // 2 vs 0: not rising
        add.accept("rise-2", "2024-06-01T00:00:00Z");
        add.accept("rise-2", "2024-06-02T00:00:00Z");
        // 4 vs 3: 4 < 2 * 3, not rising
        for (String at : List.of("2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z", "2024-06-04T00:00:00Z",
                "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-03T00:00:00Z")) {
            add.accept("rise-ratio", at);
        }
        for (String c : List.of("csat-low", "csat-half", "csat-one")) {
            for (int i = 0; i < 3; i++) {
                tickets.add(ticket(c + "-t" + i, c, "chat", "normal", "2024-03-10T00:00:00Z"));
            }
        }
        t.tickets(tickets);
        t.events(List.of(event("e1", "csat-low-t0", "RESOLVED_BY_AUTOMATION", "2024-03-11T00:00:00Z", null),
                event("e2", "csat-low-t1", "RESOLVED_BY_AUTOMATION", "2024-03-11T00:00:00Z", null),
                event("e3", "rise-3-3", "RESOLVED_BY_AUTOMATION", "2024-06-30T12:00:00Z", null))); // resolved after the start of asOf
        t.csat(List.of(
                // 1 of 3 satisfied: low
                csat("q1", "csat-low-t0", 5, "2024-04-01T00:00:00Z"), csat("q2", "csat-low-t1", 2, "2024-05-01T00:00:00Z"),
                csat("q3", "csat-low-t2", 1, "2024-06-29T00:00:00Z"),
                // 1 of 2 satisfied (0.5): not low; the response before the window would make it low
                csat("q4", "csat-half-t0", 4, "2024-06-01T00:00:00Z"), csat("q5", "csat-half-t1", 2, "2024-06-01T00:00:00Z"),
                csat("q6", "csat-half-t2", 1, "2024-03-31T23:59:00Z"),
                // one response only: not low; a response on asOf is outside the window
                csat("q7", "csat-one-t0", 1, "2024-06-01T00:00:00Z"), csat("q8", "csat-one-t1", 1, "2024-06-30T01:00:00Z")));
        return t;
    }

    @Test
    void eachFlagFiresForOneCustomerAndNotForItsNearMisses() {
        Gql t = tenant("srisk-a");
        JsonPath r = t.ok(QUERY, vars("2024-06-30", null, null));
        assertEquals(List.of("csat-low", "rise-3"), r.getList("data.supportRiskSignals.edges.node.customerId"));
        assertFalse((Boolean) r.get("data.supportRiskSignals.pageInfo.hasNextPage"));

        String p = "data.supportRiskSignals.edges[0].node.";
        num("0", r.get(p + "ticketsLast30"));
        num("0", r.get(p + "ticketsPrevious30"));
        assertFalse((Boolean) r.get(p + "ticketVolumeRising"));
        num("3", r.get(p + "csatResponsesLast90"));
        num("0.3333333333", r.get(p + "csatLast90.value"));
        num("1", r.get(p + "csatLast90.numerator"));
        num("3", r.get(p + "csatLast90.denominator"));
        assertTrue((Boolean) r.get(p + "lowCsat"));
        num("1", r.get(p + "openTickets"));

        p = "data.supportRiskSignals.edges[1].node.";
        num("3", r.get(p + "ticketsLast30"));
        num("1", r.get(p + "ticketsPrevious30"));
        assertTrue((Boolean) r.get(p + "ticketVolumeRising"));
        num("0", r.get(p + "csatResponsesLast90"));
        assertNull(r.get(p + "csatLast90.value"));
        assertEquals("no CSAT responses in the last 90 days", r.get(p + "csatLast90.reason"));
        assertFalse((Boolean) r.get(p + "lowCsat"));
        num("5", r.get(p + "openTickets")); // 5 created before asOf, none resolved before it (the asOf one is not open yet)
    }

    @Test
    void pagesWithFirstAndAfterLimitsAndTenantIsolation() {
        Gql t = tenant("srisk-pages");
        JsonPath first = t.ok(QUERY, vars("2024-06-30", 1, null));
        assertEquals(List.of("csat-low"), first.getList("data.supportRiskSignals.edges.node.customerId"));
        assertTrue((Boolean) first.get("data.supportRiskSignals.pageInfo.hasNextPage"));
        String cursor = first.get("data.supportRiskSignals.pageInfo.endCursor");
        assertEquals((String) first.get("data.supportRiskSignals.edges[0].cursor"), cursor);
        JsonPath second = t.ok(QUERY, vars("2024-06-30", 1, cursor));
        assertEquals(List.of("rise-3"), second.getList("data.supportRiskSignals.edges.node.customerId"));
        assertFalse((Boolean) second.get("data.supportRiskSignals.pageInfo.hasNextPage"));
        JsonPath none = t.ok(QUERY, vars("2024-06-30", 1, second.get("data.supportRiskSignals.pageInfo.endCursor")));
        assertEquals(0, none.getList("data.supportRiskSignals.edges").size());
        assertNull(none.get("data.supportRiskSignals.pageInfo.endCursor"));

        assertEquals("LIMIT_EXCEEDED", t.run(QUERY, vars("2024-06-30", 5001, null)).get("errors[0].extensions.code"));
        assertEquals("VALIDATION", t.run(QUERY, vars("2024-06-30", 0, null)).get("errors[0].extensions.code"));
        JsonPath bad = t.run(QUERY, vars("2024-06-30", 1, "??"));
        assertEquals("VALIDATION", bad.get("errors[0].extensions.code"));
        assertEquals("after", bad.get("errors[0].extensions.field"));

        JsonPath other = Gql.as("srisk-other").ok(QUERY, vars("2024-06-30", null, null));
        assertEquals(0, other.getList("data.supportRiskSignals.edges").size());
        assertFalse((Boolean) other.get("data.supportRiskSignals.pageInfo.hasNextPage"));
    }
}
