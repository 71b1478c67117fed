package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** NPS (worked example 8), DAU/MAU stickiness, time to onboard, repeat purchases, ingestion contract, customer view. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class EngagementAndFeedbackTest {

    static final String NPS_MUTATION = "mutation($r:[NpsResponseInput!]!){ recordNpsResponses(responses:$r){ accepted unchanged replaced } }";
    static final String NPS = "query($r:DateRangeInput!,$g:Granularity!){ npsSeries(range:$r, granularity:$g){ period{start} responses promoters passives detractors nps reason } }";
    static final String ACTIVITY = "mutation($e:[ActivityEventInput!]!){ recordActivity(events:$e){ accepted unchanged replaced } }";
    static final String ENGAGEMENT = "query($r:DateRangeInput!,$g:Granularity!){ engagementSeries(range:$r, granularity:$g){ period{start end} meanDailyActiveUsers activeUsers stickiness{value numerator denominator reason} } }";

    static Map<String, Object> nps(String id, String customer, int score, String at) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("respondent", "user-" + id);
        m.put("customerId", customer);
        m.put("score", score);
        m.put("respondedAt", at);
        m.put("comment", "score " + score);
        return m;
    }

    static Map<String, Object> event(String user, String customer, String at) {
        return Map.of("userId", user, "customerId", customer, "occurredAt", at);
    }

    @Test
    void example8NpsIsForty() {
        Gql t = Gql.as("nps");
        int[] scores = { 9, 10, 9, 10, 9, 10, 7, 8, 3, 6 };
        List<Map<String, Object>> rs = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            rs.add(nps("r" + i, "c" + (i % 3), scores[i], "2024-05-" + (10 + i) + "T12:00:00Z"));
        }
        JsonPath in = t.ok(NPS_MUTATION, Map.of("r", rs));
        assertEquals(10, (Integer) in.get("data.recordNpsResponses.accepted"));
        JsonPath r = t.ok(NPS, Map.of("r", Gql.range("2024-05-01", "2024-07-01"), "g", "MONTH"));
        assertEquals(10, (Integer) r.get("data.npsSeries[0].responses"));
        assertEquals(6, (Integer) r.get("data.npsSeries[0].promoters"));
        assertEquals(2, (Integer) r.get("data.npsSeries[0].passives"));
        assertEquals(2, (Integer) r.get("data.npsSeries[0].detractors"));
        assertAmount("40", r.get("data.npsSeries[0].nps"));
        assertNull(r.get("data.npsSeries[1].nps"));
        assertEquals("no responses in the period", r.get("data.npsSeries[1].reason"));

        // same again: unchanged; a changed response replaces the stored one (a promoter becomes a detractor: 50% - 30% = 20)
        JsonPath again = t.ok(NPS_MUTATION, Map.of("r", rs));
        assertEquals(10, (Integer) again.get("data.recordNpsResponses.unchanged"));
        JsonPath replaced = t.ok(NPS_MUTATION, Map.of("r", List.of(nps("r0", "c0", 2, "2024-05-10T12:00:00Z"))));
        assertEquals(1, (Integer) replaced.get("data.recordNpsResponses.replaced"));
        assertAmount("20", t.ok(NPS, Map.of("r", Gql.range("2024-05-01", "2024-06-01"), "g", "MONTH")).get("data.npsSeries[0].nps"));
    }

    @Test
    void ingestionIsAllOrNothingWithCodedErrors() {
        Gql t = Gql.as("contract");
        JsonPath bad = t.run(NPS_MUTATION, Map.of("r", List.of(nps("x1", "c", 9, "2024-05-01T00:00:00Z"),
                nps("x2", "c", 11, "2024-05-01T00:00:00Z"))));
        assertEquals("VALIDATION", bad.get("errors[0].extensions.code"));
        assertEquals(1, (Integer) bad.get("errors[0].extensions.index"));
        assertEquals("score", bad.get("errors[0].extensions.field"));
        JsonPath malformed = t.run(ACTIVITY, Map.of("e", List.of(event("u", "c", "2024-05-01T00:00:00Z"), event("u", "c", "yesterday"))));
        assertEquals("VALIDATION", malformed.get("errors[0].extensions.code"));
        assertEquals(1, (Integer) malformed.get("errors[0].extensions.index"));
        assertEquals("occurredAt", malformed.get("errors[0].extensions.field"));
        JsonPath conflict = t.run(NPS_MUTATION, Map.of("r", List.of(nps("x1", "c", 9, "2024-05-01T00:00:00Z"),
                nps("x1", "c", 3, "2024-05-01T00:00:00Z"))));
        assertEquals("CONFLICT", conflict.get("errors[0].extensions.code"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            many.add(event("u" + i, "c", "2024-05-01T00:00:00Z"));
        }
        assertEquals("LIMIT_EXCEEDED", t.run(ACTIVITY, Map.of("e", many)).get("errors[0].extensions.code"));
        // nothing of the failed batches was stored
        assertEquals(0, (Integer) t.ok(NPS, Map.of("r", Gql.range("2024-05-01", "2024-06-01"), "g", "MONTH")).get("data.npsSeries[0].responses"));
        assertEquals(0, ((Number) t.ok(ENGAGEMENT, Map.of("r", Gql.range("2024-05-01", "2024-06-01"), "g", "MONTH"))
                .get("data.engagementSeries[0].activeUsers")).intValue());
    }

    @Test
    void dauMauStickiness() {
        Gql t = Gql.as("engagement");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
            String day = String.format("2024-06-%02d", d);
            events.add(event("u1", "c1", day + "T08:00:00Z"));
            events.add(event("u1", "c1", day + "T17:00:00Z")); // same user, same day: one
            if (d <= 10) {
                events.add(event("u2", "c1", day + "T09:00:00Z"));
            }
            if (d <= 5) {
                events.add(event("u3", "c2", day + "T10:00:00Z"));
            }
        }
        events.add(event("u4", "c2", "2024-07-01T10:00:00Z"));
        JsonPath in = t.ok(ACTIVITY, Map.of("e", events));
        assertEquals(46, (Integer) in.get("data.recordActivity.accepted"));
        assertEquals(30, (Integer) in.get("data.recordActivity.unchanged"));
        assertEquals(76, (Integer) t.ok(ACTIVITY, Map.of("e", events)).get("data.recordActivity.unchanged"));

        JsonPath june = t.ok(ENGAGEMENT, Map.of("r", Gql.range("2024-06-01", "2024-08-01"), "g", "MONTH"));
        assertAmount("1.5", june.get("data.engagementSeries[0].meanDailyActiveUsers"));
        assertEquals(3, ((Number) june.get("data.engagementSeries[0].activeUsers")).intValue());
        assertAmount("0.5", june.get("data.engagementSeries[0].stickiness.value"));
        assertAmount("45", june.get("data.engagementSeries[0].stickiness.numerator"));
        assertAmount("90", june.get("data.engagementSeries[0].stickiness.denominator"));
        assertEquals(1, ((Number) june.get("data.engagementSeries[1].activeUsers")).intValue());

        JsonPath week = t.ok(ENGAGEMENT, Map.of("r", Gql.range("2024-06-03", "2024-06-10"), "g", "WEEK"));
        assertAmount("2.4286", week.get("data.engagementSeries[0].meanDailyActiveUsers"));
        assertEquals(3, ((Number) week.get("data.engagementSeries[0].activeUsers")).intValue());

        JsonPath quarters = t.ok(ENGAGEMENT, Map.of("r", Gql.range("2024-04-01", "2024-10-01"), "g", "QUARTER"));
        assertEquals(3, ((Number) quarters.get("data.engagementSeries[0].activeUsers")).intValue());
        assertAmount("0.4945", quarters.get("data.engagementSeries[0].meanDailyActiveUsers"));
        assertEquals(1, ((Number) quarters.get("data.engagementSeries[1].activeUsers")).intValue());

        JsonPath day = t.ok(ENGAGEMENT, Map.of("r", Gql.range("2024-06-10", "2024-06-12"), "g", "DAY"));
        assertAmount("2", day.get("data.engagementSeries[0].meanDailyActiveUsers"));
        assertAmount("1", day.get("data.engagementSeries[1].meanDailyActiveUsers"));
        assertAmount("1", day.get("data.engagementSeries[1].stickiness.value"));

        JsonPath nothing = t.ok(ENGAGEMENT, Map.of("r", Gql.range("2023-01-01", "2023-02-01"), "g", "MONTH"));
        assertNull(nothing.get("data.engagementSeries[0].stickiness.value"));
        assertEquals("no active users in the period", nothing.get("data.engagementSeries[0].stickiness.reason"));
    }

    @Test
    void activityDaysFollowTheTenantsTimeZone() {
        Gql t = Gql.as("engagement-ny");
        t.ok("mutation { updateRetentionSettings(settings:{timeZone:\"America/New_York\"}){ timeZone } }");
        t.ok(ACTIVITY, Map.of("e", List.of(event("u1", "c1", "2024-07-01T02:00:00Z"))));
        JsonPath r = t.ok(ENGAGEMENT, Map.of("r", Gql.range("2024-06-30", "2024-07-02"), "g", "DAY"));
        assertAmount("1", r.get("data.engagementSeries[0].meanDailyActiveUsers"));
        assertAmount("0", r.get("data.engagementSeries[1].meanDailyActiveUsers"));
        JsonPath bad = t.run("mutation { updateRetentionSettings(settings:{timeZone:\"Mars/Olympus\"}){ timeZone } }", null);
        assertEquals("VALIDATION", bad.get("errors[0].extensions.code"));
    }

    @Test
    void timeToOnboardAndTheShareOfFourteenDaysOrMore() {
        Gql t = Gql.as("onboarding");
        String m = "mutation($m:[OnboardingMilestoneInput!]!){ recordOnboardingMilestones(milestones:$m){ accepted } }";
        List<Map<String, Object>> ms = List.of(
                milestone("a1", "a", "SIGNED_UP", "2024-05-01T00:00:00Z"), milestone("a2", "a", "ACTIVATED", "2024-05-03T12:00:00Z"),
                milestone("b1", "b", "SIGNED_UP", "2024-05-02T00:00:00Z"), milestone("b2", "b", "ACTIVATED", "2024-05-20T00:00:00Z"),
                milestone("c1", "c", "SIGNED_UP", "2024-05-05T00:00:00Z"), milestone("c2", "c", "ACTIVATED", "2024-05-19T00:00:00Z"),
                milestone("d1", "d", "SIGNED_UP", "2024-05-10T00:00:00Z"),
                milestone("e1", "e", "SIGNED_UP", "2024-06-01T00:00:00Z"), milestone("e2", "e", "ACTIVATED", "2024-06-02T00:00:00Z"));
        assertEquals(9, (Integer) t.ok(m, Map.of("m", ms)).get("data.recordOnboardingMilestones.accepted"));
        JsonPath r = t.ok("query($r:DateRangeInput!){ timeToOnboard(range:$r, granularity:MONTH){ signedUp activated notYetActivated"
                + " timeToOnboard{mean median p90 unit} fourteenDaysOrMore{value numerator denominator} } }",
                Map.of("r", Gql.range("2024-05-01", "2024-06-01")));
        String p = "data.timeToOnboard[0].";
        assertEquals(4, (Integer) r.get(p + "signedUp"));
        assertEquals(3, (Integer) r.get(p + "activated"));
        assertEquals(1, (Integer) r.get(p + "notYetActivated"));
        assertAmount("11.5", r.get(p + "timeToOnboard.mean"));
        assertAmount("14", r.get(p + "timeToOnboard.median"));
        assertAmount("17.2", r.get(p + "timeToOnboard.p90"));
        assertEquals("DAYS", r.get(p + "timeToOnboard.unit"));
        assertAmount("0.6666666667", r.get(p + "fourteenDaysOrMore.value"));
        assertAmount("2", r.get(p + "fourteenDaysOrMore.numerator"));
    }

    static Map<String, Object> milestone(String id, String customer, String kind, String at) {
        return Map.of("externalId", id, "customerId", customer, "milestone", kind, "occurredAt", at);
    }

    @Test
    void repeatPurchaseRate() {
        Gql t = Gql.as("purchases");
        String m = "mutation($p:[PurchaseInput!]!){ recordPurchases(purchases:$p){ accepted } }";
        List<Map<String, Object>> ps = new ArrayList<>();
        String[][] rows = { { "p1", "2024-03-01" }, { "p1", "2024-03-10" }, { "p1", "2024-03-20" }, { "p2", "2024-03-05" },
                { "p3", "2024-03-06" }, { "p3", "2024-03-30" }, { "p2", "2024-04-02" } };
        for (int i = 0; i < rows.length; i++) {
            ps.add(Map.of("externalId", "o" + i, "customerId", rows[i][0], "purchasedAt", rows[i][1] + "T10:00:00Z",
                    "amount", "25.50", "currency", "EUR"));
        }
        assertEquals(7, (Integer) t.ok(m, Map.of("p", ps)).get("data.recordPurchases.accepted"));
        JsonPath r = t.ok("{ repeatPurchaseRate(range:{from:\"2024-03-01\",to:\"2024-05-01\"}, granularity:MONTH){ purchases"
                + " purchasers repeatPurchasers repeatPurchaseRate{value} } }");
        assertEquals(6, (Integer) r.get("data.repeatPurchaseRate[0].purchases"));
        assertEquals(3, (Integer) r.get("data.repeatPurchaseRate[0].purchasers"));
        assertEquals(2, (Integer) r.get("data.repeatPurchaseRate[0].repeatPurchasers"));
        assertAmount("0.6666666667", r.get("data.repeatPurchaseRate[0].repeatPurchaseRate.value"));
        assertAmount("0", r.get("data.repeatPurchaseRate[1].repeatPurchaseRate.value"));
    }

    @Test
    void oneCustomersRetentionPicture() {
        FakeRevenue f = FakeRevenue.of("c360");
        f.movement("acme", "2024-01-10", "NEW", "0", "100");
        f.movement("acme", "2024-03-01", "CHURN", "100", "0");
        f.movement("acme", "2024-05-01", "REACTIVATION", "0", "80");
        f.movement("acme", "2024-08-01", "CHURN", "80", "0");
        Gql t = Gql.as("c360");
        t.syncAll();
        t.ok(NPS_MUTATION, Map.of("r", List.of(nps("n1", "acme", 4, "2024-05-20T00:00:00Z"), nps("n2", "acme", 9, "2024-02-01T00:00:00Z"))));
        t.ok(ACTIVITY, Map.of("e", List.of(event("u1", "acme", "2024-06-25T10:00:00Z"), event("u2", "acme", "2024-06-25T11:00:00Z"),
                event("u1", "acme", "2024-06-10T10:00:00Z"), event("u3", "acme", "2024-05-10T10:00:00Z"))));
        JsonPath r = t.ok("{ customerRetention(customerId:\"acme\", asOf:\"2024-06-30\"){ customerId firstPaymentDay cohort{start}"
                + " mrr{amount} paying churns reactivations churnHistory{day kind} movements{kind} npsResponses{score category}"
                + " latestNpsScore activity{ lastActiveDay activeDaysLast30 activeUsersLast30 activeUsersPrevious30"
                + " dailyActiveUsers{day count} } } }");
        String p = "data.customerRetention.";
        assertEquals("2024-01-10", r.get(p + "firstPaymentDay"));
        assertEquals("2024-01-01", r.get(p + "cohort.start"));
        assertAmount("80", r.get(p + "mrr.amount"));
        assertEquals(true, r.get(p + "paying"));
        assertEquals(1, (Integer) r.get(p + "churns"));
        assertEquals(1, (Integer) r.get(p + "reactivations"));
        assertEquals(List.of("CHURN", "REACTIVATION"), r.getList(p + "churnHistory.kind"));
        assertEquals(4, r.getList(p + "movements").size());
        assertEquals(List.of("DETRACTOR", "PROMOTER"), r.getList(p + "npsResponses.category"));
        assertEquals(4, (Integer) r.get(p + "latestNpsScore"));
        assertEquals("2024-06-25", r.get(p + "activity.lastActiveDay"));
        assertEquals(2, (Integer) r.get(p + "activity.activeDaysLast30"));
        assertEquals(2, (Integer) r.get(p + "activity.activeUsersLast30"));
        assertEquals(1, (Integer) r.get(p + "activity.activeUsersPrevious30"));
        assertEquals(2, ((Number) r.get(p + "activity.dailyActiveUsers[1].count")).intValue());

        JsonPath missing = t.run("{ customerRetention(customerId:\"nobody\"){ customerId } }", null);
        assertEquals("NOT_FOUND", missing.get("errors[0].extensions.code"));
    }
}
