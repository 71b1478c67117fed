package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Tenant B, holding every role, attacks tenant A through every root field of the schema: A's guessed and external ids,
 * filters naming A's values, a risk-signal cursor built from A's customer id, A's customers as entities, the same external
 * ids written as B, settings changed as B, a feed sync as B. B gets nothing of A and changes nothing of A (A's answers
 * before and after are identical, and some are checked against exact values). The set of root fields is read from the live
 * schema, so an operation added without a case here fails the test.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class AdversarialIsolationTest {

    static final String A = "adv-a";
    static final String B = "adv-b";
    static final Map<String, Object> SPRING = Gql.range("2024-01-01", "2024-07-01");

    static final String ENGAGEMENT = "query($r:DateRangeInput!){ engagementSeries(range:$r, granularity:QUARTER){ period{start} meanDailyActiveUsers activeUsers } }";
    static final String NPS = "query($r:DateRangeInput!){ npsSeries(range:$r, granularity:QUARTER){ responses promoters detractors nps } }";
    static final String ONBOARDING = "query($r:DateRangeInput!){ timeToOnboard(range:$r, granularity:QUARTER){ signedUp activated notYetActivated timeToOnboard{mean} } }";
    static final String PURCHASES = "query($r:DateRangeInput!){ repeatPurchaseRate(range:$r, granularity:QUARTER){ purchases purchasers repeatPurchasers } }";
    static final String CUSTOMER = "query($c:String!){ customerRetention(customerId:$c, asOf:\"2024-06-30\"){ customerId mrr{amount} churns"
            + " npsResponses{externalId score comment} activity{activeDaysLast30} signedUpAt activatedAt } }";
    static final String SETTINGS = "{ retentionSettings { timeZone currency } }";
    static final String SERIES = "query($r:DateRangeInput!,$f:RetentionFilterInput,$by:RetentionDimension){ retentionSeries(range:$r,"
            + " granularity:QUARTER, filter:$f, groupBy:$by){ period{start} group payingCustomersStart mrrStart{amount} churnedCustomers churnMrr{amount} } }";
    static final String TTM = "query($f:RetentionFilterInput){ trailingTwelveMonthRetention(asOf:\"2024-07-01\", filter:$f){ payingCustomersStart"
            + " mrrStart{amount} churnedCustomers nrr{value} } }";
    static final String COHORTS = "query($f:RetentionFilterInput){ cohortRetention(cohorts:{from:\"2024-01-01\",to:\"2024-04-01\"}, asOf:\"2024-07-01\","
            + " filter:$f){ rows{ cohort{start} customers initialMrr{amount} cells{ payingCustomers mrr{amount} } } } }";
    static final String CHURN = "query($f:RetentionFilterInput){ trailingChurn(asOf:\"2024-07-01\", months:6, filter:$f){ monthlyLogoChurn{value"
            + " numerator denominator} meanMonthlyLogoChurn reason } }";
    static final String STATUS = "{ retentionFeedStatus { cursor entriesApplied pending lastError currency } }";
    static final String SIGNALS = "query($after:String){ retentionRiskSignals(asOf:\"2024-04-01\", first:10, after:$after){ edges{ node{"
            + " customerId latestNpsScore npsDetractor } } pageInfo{ hasNextPage } } }";
    static final String INFO = "{ retentionServiceInfo { service tenant } }";
    static final String SDL = "{ _service { sdl } }";
    static final String ENTITIES = "query($reps:[_Any!]!){ _entities(representations:$reps){ ... on Customer { id retention(asOf:\"2024-06-30\"){"
            + " customerId mrr{amount} latestNpsScore } } } }";
    static final String ACTIVITY_M = "mutation($e:[ActivityEventInput!]!){ recordActivity(events:$e){ accepted unchanged replaced } }";
    static final String NPS_M = "mutation($r:[NpsResponseInput!]!){ recordNpsResponses(responses:$r){ accepted unchanged replaced } }";
    static final String MILESTONES_M = "mutation($m:[OnboardingMilestoneInput!]!){ recordOnboardingMilestones(milestones:$m){ accepted unchanged replaced } }";
    static final String PURCHASES_M = "mutation($p:[PurchaseInput!]!){ recordPurchases(purchases:$p){ accepted unchanged replaced } }";
    static final String SETTINGS_M = "mutation($tz:String){ updateRetentionSettings(settings:{timeZone:$tz}){ timeZone } }";
    static final String SYNC_M = "mutation { syncRetentionFeed { cursor entriesApplied pending lastError } }";

    /** Every root field and the case that covers it below. */
    static final Set<String> COVERED_QUERIES = Set.of("engagementSeries", "npsSeries", "timeToOnboard", "repeatPurchaseRate",
            "customerRetention", "retentionSettings", "retentionSeries", "trailingTwelveMonthRetention", "cohortRetention", "trailingChurn",
            "retentionFeedStatus", "retentionRiskSignals", "retentionServiceInfo", "_service", "_entities");
    static final Set<String> COVERED_MUTATIONS = Set.of("recordActivity", "recordNpsResponses", "recordOnboardingMilestones",
            "recordPurchases", "updateRetentionSettings", "syncRetentionFeed");

    static final Map<String, Object> GOLD = Map.of("plans", List.of("gold"));
    static final Map<String, Object> PARTNER = Map.of("channels", List.of("partner"));

    /** A's answers to every read, as compared before and after B's attempts. */
    static Map<String, String> snapshot(Gql a) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engagement", a.ok(ENGAGEMENT, Map.of("r", SPRING)).prettify());
        s.put("nps", a.ok(NPS, Map.of("r", SPRING)).prettify());
        s.put("onboarding", a.ok(ONBOARDING, Map.of("r", SPRING)).prettify());
        s.put("purchases", a.ok(PURCHASES, Map.of("r", SPRING)).prettify());
        s.put("c1", a.ok(CUSTOMER, Map.of("c", "c1")).prettify());
        s.put("c2", a.ok(CUSTOMER, Map.of("c", "c2")).prettify());
        s.put("settings", a.ok(SETTINGS).prettify());
        s.put("series", a.ok(SERIES, Map.of("r", SPRING, "by", "PLAN")).prettify());
        s.put("ttm", a.ok(TTM, Map.of("f", PARTNER)).prettify());
        s.put("cohorts", a.ok(COHORTS, Map.of()).prettify());
        s.put("churn", a.ok(CHURN, Map.of()).prettify());
        s.put("status", a.ok(STATUS).prettify());
        s.put("signals", a.ok(SIGNALS, Map.of()).prettify());
        s.put("entities", a.ok(ENTITIES, Map.of("reps", CustomerEntityTest.reps("c1", "c2"))).prettify());
        return s;
    }

    @Test
    void tenantBGetsNothingOfTenantAThroughAnyOperation() {
        // tenant A: the feed and every ingestion mutation
        FakeRevenue fa = FakeRevenue.of(A);
        fa.movement("c1", "2024-01-10", "NEW", "0", "100", "pro", "FR", "SMB", "organic");
        fa.movement("c2", "2024-01-15", "NEW", "0", "50", "gold", "DE", "MID", "partner");
        fa.movement("c1", "2024-03-05", "CHURN", "100", "0", "pro", "FR", "SMB", "organic");
        Gql a = Gql.as(A);
        a.syncAll();
        a.ok(SETTINGS_M, Map.of("tz", "Europe/Paris"));
        a.ok(ACTIVITY_M, Map.of("e", List.of(EngagementAndFeedbackTest.event("u1", "c2", "2024-06-20T10:00:00Z"),
                EngagementAndFeedbackTest.event("u2", "c2", "2024-06-21T10:00:00Z"))));
        a.ok(NPS_M, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "c2", 3, "2024-03-10T10:00:00Z"),
                EngagementAndFeedbackTest.nps("n2", "c1", 10, "2024-02-10T10:00:00Z"))));
        a.ok(MILESTONES_M, Map.of("m", List.of(EngagementAndFeedbackTest.milestone("m1", "c2", "SIGNED_UP", "2024-01-02T00:00:00Z"),
                EngagementAndFeedbackTest.milestone("m2", "c2", "ACTIVATED", "2024-01-05T00:00:00Z"))));
        a.ok(PURCHASES_M, Map.of("p", List.of(Map.of("externalId", "p1", "customerId", "c2", "purchasedAt", "2024-02-01T10:00:00Z",
                "amount", "10", "currency", "EUR"), Map.of("externalId", "p2", "customerId", "c2", "purchasedAt", "2024-02-03T10:00:00Z",
                "amount", "20", "currency", "EUR"))));
        Map<String, String> before = snapshot(a);

        // tenant B, every role, attacks through every root field
        Gql b = Gql.as(B);
        Set<String> queries = new TreeSet<>();
        Set<String> mutations = new TreeSet<>();

        queries.add("engagementSeries");
        assertEquals(0, ((Number) b.ok(ENGAGEMENT, Map.of("r", SPRING)).get("data.engagementSeries[1].activeUsers")).intValue());
        queries.add("npsSeries");
        assertEquals(List.of(0, 0), b.ok(NPS, Map.of("r", SPRING)).getList("data.npsSeries.responses"));
        queries.add("timeToOnboard");
        assertEquals(List.of(0, 0), b.ok(ONBOARDING, Map.of("r", SPRING)).getList("data.timeToOnboard.signedUp"));
        queries.add("repeatPurchaseRate");
        assertEquals(List.of(0, 0), b.ok(PURCHASES, Map.of("r", SPRING)).getList("data.repeatPurchaseRate.purchases"));
        queries.add("customerRetention");
        for (String guessed : new String[] { "c1", "c2", "C1", "c1 ", "%", "c%", "*", "' OR '1'='1" }) {
            JsonPath r = b.run(CUSTOMER, Map.of("c", guessed));
            assertEquals("NOT_FOUND", r.get("errors[0].extensions.code"), guessed + ": " + r.prettify());
            assertNull(r.get("data"));
        }
        queries.add("retentionSettings");
        assertEquals("UTC", b.ok(SETTINGS).get("data.retentionSettings.timeZone"));
        queries.add("retentionSeries");
        assertEquals(0, b.ok(SERIES, Map.of("r", SPRING, "by", "PLAN")).getList("data.retentionSeries").size());
        JsonPath gold = b.ok(SERIES, Map.of("r", SPRING, "f", GOLD));
        assertEquals(List.of(0, 0), gold.getList("data.retentionSeries.payingCustomersStart"));
        assertEquals(List.of(0, 0), b.ok(SERIES, Map.of("r", SPRING)).getList("data.retentionSeries.churnedCustomers"));
        queries.add("trailingTwelveMonthRetention");
        JsonPath ttm = b.ok(TTM, Map.of("f", PARTNER));
        assertEquals(0, (Integer) ttm.get("data.trailingTwelveMonthRetention[0].payingCustomersStart"));
        assertNull(ttm.get("data.trailingTwelveMonthRetention[0].nrr.value"));
        queries.add("cohortRetention");
        assertEquals(List.of(0, 0, 0), b.ok(COHORTS, Map.of("f", GOLD)).getList("data.cohortRetention.rows.customers"));
        assertEquals(List.of(0, 0, 0), b.ok(COHORTS, Map.of()).getList("data.cohortRetention.rows.customers"));
        queries.add("trailingChurn");
        JsonPath churn = b.ok(CHURN, Map.of());
        assertNull(churn.get("data.trailingChurn.meanMonthlyLogoChurn"));
        assertTrue(churn.getList("data.trailingChurn.monthlyLogoChurn.numerator").stream().allMatch(n -> ((Number) n).intValue() == 0));
        queries.add("retentionFeedStatus");
        JsonPath status = b.ok(STATUS);
        assertNull(status.get("data.retentionFeedStatus.cursor"));
        assertEquals(0, ((Number) status.get("data.retentionFeedStatus.entriesApplied")).intValue());
        queries.add("retentionRiskSignals");
        assertEquals(0, b.ok(SIGNALS, Map.of()).getList("data.retentionRiskSignals.edges").size());
        String cursorBeforeC2 = Base64.getUrlEncoder().withoutPadding().encodeToString("c:c1".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, a.ok(SIGNALS, Map.of("after", cursorBeforeC2)).getList("data.retentionRiskSignals.edges").size(),
                "the crafted cursor works for A");
        assertEquals(0, b.ok(SIGNALS, Map.of("after", cursorBeforeC2)).getList("data.retentionRiskSignals.edges").size());
        queries.add("retentionServiceInfo");
        assertEquals(B, b.ok(INFO).get("data.retentionServiceInfo.tenant"));
        queries.add("_service");
        String sdl = b.ok(SDL).getString("data._service.sdl");
        assertFalse(sdl.contains(A) || sdl.contains("c2"), "the SDL holds no tenant data");
        queries.add("_entities");
        JsonPath entities = b.ok(ENTITIES, Map.of("reps", CustomerEntityTest.reps("c1", "c2")));
        assertEquals(List.of("c1", "c2"), entities.getList("data._entities.id"));
        assertNull(entities.get("data._entities[0].retention"));
        assertNull(entities.get("data._entities[1].retention"));

        // B writes A's external ids with other content: B's own facts, nothing of A replaced
        mutations.add("recordActivity");
        assertEquals(1, (Integer) b.ok(ACTIVITY_M, Map.of("e", List.of(EngagementAndFeedbackTest.event("u1", "c1", "2024-06-20T10:00:00Z"))))
                .get("data.recordActivity.accepted"));
        mutations.add("recordNpsResponses");
        JsonPath nps = b.ok(NPS_M, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "c2", 10, "2024-03-11T10:00:00Z"))));
        assertEquals(List.of(1, 0, 0), List.of(nps.get("data.recordNpsResponses.accepted"), nps.get("data.recordNpsResponses.unchanged"),
                nps.get("data.recordNpsResponses.replaced")));
        mutations.add("recordOnboardingMilestones");
        assertEquals(1, (Integer) b.ok(MILESTONES_M, Map.of("m", List.of(EngagementAndFeedbackTest.milestone("m2", "c2", "ACTIVATED",
                "2024-06-05T00:00:00Z")))).get("data.recordOnboardingMilestones.accepted"));
        mutations.add("recordPurchases");
        assertEquals(1, (Integer) b.ok(PURCHASES_M, Map.of("p", List.of(Map.of("externalId", "p1", "customerId", "c1", "purchasedAt",
                "2024-05-01T10:00:00Z", "amount", "99", "currency", "USD")))).get("data.recordPurchases.accepted"));
        mutations.add("updateRetentionSettings");
        assertEquals("America/New_York", b.ok(SETTINGS_M, Map.of("tz", "America/New_York")).get("data.updateRetentionSettings.timeZone"));
        mutations.add("syncRetentionFeed");
        JsonPath sync = b.ok(SYNC_M);
        assertNull(sync.get("data.syncRetentionFeed.cursor"));
        assertEquals(0, ((Number) sync.get("data.syncRetentionFeed.entriesApplied")).intValue());

        // every root field of the live schema has its case above
        // (two queries: graphql-java's good-faith introspection check allows one __Type.fields per request)
        JsonPath queryType = b.ok("{ __schema { queryType { fields { name } } } }");
        JsonPath mutationType = b.ok("{ __schema { mutationType { fields { name } } } }");
        assertEquals(new TreeSet<>(queryType.<String>getList("data.__schema.queryType.fields.name")), queries);
        assertEquals(new TreeSet<>(mutationType.<String>getList("data.__schema.mutationType.fields.name")), mutations);
        JsonPath badFaith = b.run("{ __schema { queryType { fields { name } } mutationType { fields { name } } } }", null);
        assertEquals("LIMIT_EXCEEDED", badFaith.get("errors[0].extensions.code"), badFaith.prettify());
        assertEquals(COVERED_QUERIES, queries);
        assertEquals(COVERED_MUTATIONS, mutations);

        // A is unchanged: the same answers as before, and exact values
        assertEquals(before, snapshot(a));
        JsonPath c2 = a.ok(CUSTOMER, Map.of("c", "c2"));
        assertAmount("50", c2.get("data.customerRetention.mrr.amount"));
        assertEquals(List.of("n1"), c2.getList("data.customerRetention.npsResponses.externalId"));
        assertEquals(3, (Integer) c2.get("data.customerRetention.npsResponses[0].score"));
        assertEquals("2024-01-05T00:00:00Z", c2.get("data.customerRetention.activatedAt"));
        assertEquals("Europe/Paris", a.ok(SETTINGS).get("data.retentionSettings.timeZone"));
        JsonPath aPurchases = a.ok(PURCHASES, Map.of("r", SPRING));
        assertEquals(List.of(2, 0), aPurchases.getList("data.repeatPurchaseRate.purchases"));
        JsonPath aStatus = a.ok(STATUS);
        assertEquals(3, ((Number) aStatus.get("data.retentionFeedStatus.entriesApplied")).intValue());
        JsonPath aSeries = a.ok(SERIES, Map.of("r", SPRING));
        // c1 joined and left within Q1 (in neither figure), c2 pays at the start of Q2
        assertEquals(List.of(0, 1), aSeries.getList("data.retentionSeries.payingCustomersStart"));
        assertEquals(List.of(0, 0), aSeries.getList("data.retentionSeries.churnedCustomers"));
        assertEquals(List.of("c2"), a.ok(SIGNALS, Map.of()).getList("data.retentionRiskSignals.edges.node.customerId"));
        // and B's own writes are B's
        assertEquals("America/New_York", b.ok(SETTINGS).get("data.retentionSettings.timeZone"));
        assertEquals(List.of(0, 1), b.ok(PURCHASES, Map.of("r", SPRING)).getList("data.repeatPurchaseRate.purchases"));
    }
}
