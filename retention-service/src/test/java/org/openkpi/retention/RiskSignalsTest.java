package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.retention.EngagementAndFeedbackTest.event;
import static org.openkpi.retention.EngagementAndFeedbackTest.milestone;
import static org.openkpi.retention.EngagementAndFeedbackTest.nps;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** retentionRiskSignals: each flag fires for one customer and not for its near miss; paging; tenant isolation. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class RiskSignalsTest {

    static final String QUERY = "query($asOf:Date,$first:Int,$after:String){ retentionRiskSignals(asOf:$asOf, first:$first, after:$after){"
            + " edges{ cursor node{ customerId activeDaysLast30 activeDaysPrevious30 activityFalling latestNpsScore npsDetractor"
            + " daysToOnboard slowOnboarding } } pageInfo{ hasNextPage endCursor } } }";

    static Map<String, Object> vars(String asOf, Integer first, String after) {
        Map<String, Object> m = new HashMap<>();
        m.put("asOf", asOf);
        if (first != null) {
            m.put("first", first);
        }
        m.put("after", after);
        return m;
    }

    /** asOf 2024-06-30: last 30 days = [2024-05-31, 2024-06-30), previous 30 = [2024-05-01, 2024-05-31). */
    static Gql tenant(String name) {
        FakeRevenue f = FakeRevenue.of(name);
        for (String c : List.of("act-fall", "act-near", "nps-6", "nps-7", "onb-14", "onb-13", "onb-none-14", "onb-none-13", "old-signup",
                "churned")) {
            f.movement(c, "2024-01-10", "NEW", "0", "100");
        }
        f.movement("churned", "2024-06-20", "CHURN", "100", "0");
        f.movement("late", "2024-06-30", "NEW", "0", "100"); // starts paying on asOf: not paying at asOf
        Gql t = Gql.as(name);
        t.syncAll();
        List<Map<String, Object>> events = new ArrayList<>();
        for (String day : List.of("2024-05-01", "2024-05-05", "2024-05-10", "2024-05-30")) { // 4 previous days each
            events.add(event("u-fall", "act-fall", day + "T10:00:00Z"));
            events.add(event("u-near", "act-near", day + "T10:00:00Z"));
        }
        events.add(event("u-fall2", "act-fall", "2024-05-05T11:00:00Z")); // a second user on a counted day: still one day
        for (String day : List.of("2024-05-31", "2024-06-29")) {
            events.add(event("u-fall", "act-fall", day + "T10:00:00Z"));
            events.add(event("u-near", "act-near", day + "T10:00:00Z"));
        }
        events.add(event("u-near", "act-near", "2024-06-10T10:00:00Z")); // 4 -> 3: not falling
        events.add(event("u-fall", "act-fall", "2024-06-30T10:00:00Z")); // on asOf: outside the window
        events.add(event("u-fall", "act-fall", "2024-04-30T10:00:00Z")); // before the previous window
        t.ok(EngagementAndFeedbackTest.ACTIVITY, Map.of("e", events));
        t.ok(EngagementAndFeedbackTest.NPS_MUTATION, Map.of("r", List.of(
                nps("n1", "nps-6", 9, "2024-03-01T00:00:00Z"), nps("n2", "nps-6", 6, "2024-06-01T00:00:00Z"),
                nps("n3", "nps-7", 3, "2024-03-01T00:00:00Z"), nps("n4", "nps-7", 7, "2024-06-01T00:00:00Z"),
                nps("n5", "act-near", 2, "2023-12-01T00:00:00Z"), // older than 180 days
                nps("n6", "onb-13", 1, "2024-06-30T08:00:00Z"), // on asOf: not before it
                nps("n7", "churned", 0, "2024-06-01T00:00:00Z"))));
        t.ok("mutation($m:[OnboardingMilestoneInput!]!){ recordOnboardingMilestones(milestones:$m){ accepted } }", Map.of("m", List.of(
                milestone("o1", "onb-14", "SIGNED_UP", "2024-05-01T00:00:00Z"), milestone("o2", "onb-14", "ACTIVATED", "2024-05-15T00:00:00Z"),
                milestone("o3", "onb-13", "SIGNED_UP", "2024-05-01T00:00:00Z"), milestone("o4", "onb-13", "ACTIVATED", "2024-05-14T00:00:00Z"),
                milestone("o5", "onb-none-14", "SIGNED_UP", "2024-06-16T23:00:00Z"),
                milestone("o6", "onb-none-13", "SIGNED_UP", "2024-06-17T00:00:00Z"),
                milestone("o7", "old-signup", "SIGNED_UP", "2023-01-01T00:00:00Z"), milestone("o8", "old-signup", "ACTIVATED", "2023-03-01T00:00:00Z"),
                milestone("o9", "act-fall", "SIGNED_UP", "2024-01-02T00:00:00Z"), milestone("o10", "act-fall", "ACTIVATED", "2024-01-03T12:00:00Z"))));
        return t;
    }

    @Test
    void eachFlagFiresForOneCustomerAndNotForItsNearMiss() {
        Gql t = tenant("risk-a");
        JsonPath r = t.ok(QUERY, vars("2024-06-30", null, null));
        assertEquals(List.of("act-fall", "nps-6", "onb-14", "onb-none-14"), r.getList("data.retentionRiskSignals.edges.node.customerId"));
        assertFalse((Boolean) r.get("data.retentionRiskSignals.pageInfo.hasNextPage"));
        assertEquals((String) r.get("data.retentionRiskSignals.edges[3].cursor"), (String) r.get("data.retentionRiskSignals.pageInfo.endCursor"));

        String p = "data.retentionRiskSignals.edges[0].node.";
        assertEquals(2, (Integer) r.get(p + "activeDaysLast30"));
        assertEquals(4, (Integer) r.get(p + "activeDaysPrevious30"));
        assertTrue((Boolean) r.get(p + "activityFalling"));
        assertNull(r.get(p + "latestNpsScore"));
        assertFalse((Boolean) r.get(p + "npsDetractor"));
        assertAmount("1.5", r.get(p + "daysToOnboard")); // signed up long ago: reported, not flagged
        assertFalse((Boolean) r.get(p + "slowOnboarding"));

        p = "data.retentionRiskSignals.edges[1].node.";
        assertEquals(0, (Integer) r.get(p + "activeDaysLast30"));
        assertEquals(0, (Integer) r.get(p + "activeDaysPrevious30"));
        assertFalse((Boolean) r.get(p + "activityFalling"));
        assertEquals(6, (Integer) r.get(p + "latestNpsScore"));
        assertTrue((Boolean) r.get(p + "npsDetractor"));
        assertNull(r.get(p + "daysToOnboard"));
        assertFalse((Boolean) r.get(p + "slowOnboarding"));

        p = "data.retentionRiskSignals.edges[2].node.";
        assertAmount("14", r.get(p + "daysToOnboard"));
        assertTrue((Boolean) r.get(p + "slowOnboarding"));
        assertFalse((Boolean) r.get(p + "activityFalling"));
        assertFalse((Boolean) r.get(p + "npsDetractor"));

        p = "data.retentionRiskSignals.edges[3].node.";
        assertNull(r.get(p + "daysToOnboard"));
        assertTrue((Boolean) r.get(p + "slowOnboarding"));

        // a day later onb-none-13 has waited 14 days too, and act-near's window moved
        JsonPath next = t.ok(QUERY, vars("2024-07-01", null, null));
        assertTrue(next.getList("data.retentionRiskSignals.edges.node.customerId").contains("onb-none-13"));
        // long before: nobody pays yet
        assertEquals(0, t.ok(QUERY, vars("2024-01-10", null, null)).getList("data.retentionRiskSignals.edges").size());
    }

    @Test
    void pagesWithFirstAndAfterAndLimits() {
        Gql t = tenant("risk-pages");
        List<String> seen = new ArrayList<>();
        String after = null;
        List<Boolean> hasNext = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            JsonPath r = t.ok(QUERY, vars("2024-06-30", 1, after));
            List<String> ids = r.getList("data.retentionRiskSignals.edges.node.customerId");
            assertEquals(1, ids.size());
            seen.addAll(ids);
            boolean more = r.get("data.retentionRiskSignals.pageInfo.hasNextPage");
            hasNext.add(more);
            after = r.get("data.retentionRiskSignals.pageInfo.endCursor");
            assertEquals(r.get("data.retentionRiskSignals.edges[0].cursor"), after);
            if (!more) {
                break;
            }
        }
        assertEquals(List.of("act-fall", "nps-6", "onb-14", "onb-none-14"), seen);
        assertEquals(List.of(true, true, true, false), hasNext);

        JsonPath two = t.ok(QUERY, vars("2024-06-30", 2, null));
        JsonPath rest = t.ok(QUERY, vars("2024-06-30", 2, two.get("data.retentionRiskSignals.pageInfo.endCursor")));
        assertEquals(List.of("act-fall", "nps-6"), two.getList("data.retentionRiskSignals.edges.node.customerId"));
        assertEquals(List.of("onb-14", "onb-none-14"), rest.getList("data.retentionRiskSignals.edges.node.customerId"));
        assertFalse((Boolean) rest.get("data.retentionRiskSignals.pageInfo.hasNextPage"));

        assertEquals("LIMIT_EXCEEDED", t.run(QUERY, vars("2024-06-30", 5001, null)).get("errors[0].extensions.code"));
        assertEquals("VALIDATION", t.run(QUERY, vars("2024-06-30", 0, null)).get("errors[0].extensions.code"));
        JsonPath bad = t.run(QUERY, vars("2024-06-30", 1, "not a cursor!"));
        assertEquals("VALIDATION", bad.get("errors[0].extensions.code"));
        assertEquals("after", bad.get("errors[0].extensions.field"));

        // another tenant sees none of it
        JsonPath other = Gql.as("risk-other").ok(QUERY, vars("2024-06-30", null, null));
        assertEquals(0, other.getList("data.retentionRiskSignals.edges").size());
        assertFalse((Boolean) other.get("data.retentionRiskSignals.pageInfo.hasNextPage"));
        assertNull(other.get("data.retentionRiskSignals.pageInfo.endCursor"));
        assertEquals(0, Gql.as("risk-other").ok(QUERY, vars("2024-06-30", 1, after)).getList("data.retentionRiskSignals.edges").size());
    }
}
