package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.assertAmount;
import static org.openkpi.acquisition.Gql.list;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Tenant B, holding every role, attacks tenant A through every root field of the schema: A's customer ids, external
 * ids, channels, campaigns, owners and stages as arguments, A's customers as entities, A's external ids re-ingested,
 * settings changed and the feed synced as B. B gets nothing of A, and A's data is exactly as before. The schema's
 * root fields must equal the fields covered here, so a new operation without an isolation case fails this test.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class AdversarialIsolationTest {

    static final String R = "range:{from:\"2024-01-01\",to:\"2024-02-01\"}";
    static final String A_FILTER = "filter:{channels:[\"ads\"],campaigns:[\"spring\"]}";

    @Test
    void tenantBWithEveryRoleGetsAndChangesNothingOfTenantA() {
        Gql a = Gql.as("adv-a");
        Gql b = Gql.as("adv-b");
        FakeRevenueService.movement(a.tenant, "cust-1", "NEW", "2024-01-15", "ads");
        assertEquals(1, a.sync().getInt("data.syncAcquisitionFeed.entriesApplied"));
        Samples.seed(a);
        Samples.assertSeeded(Samples.snapshot(a));
        String aCustomer = "{customerAcquisition(customerId:\"cust-1\"){customerId firstPaymentDay channel campaign attributedFrom trials leads}}";
        Map<String, Object> before = a.ok(aCustomer).getMap("data.customerAcquisition");
        assertEquals("spring", before.get("campaign"));
        assertEquals(List.of("t1"), before.get("trials"));

        Set<String> covered = new TreeSet<>();
        // ---- queries, with A's values as filters and ids -------------------------------------------------------
        JsonPath f = b.ok("{funnel(" + R + ",granularity:MONTH," + A_FILTER + "){visitors trials newPayingCustomers}"
                + " byChannel: funnel(" + R + ",granularity:MONTH,groupBy:CHANNEL){group visitors}}");
        assertEquals(List.of(0), f.getList("data.funnel.visitors", Integer.class));
        assertEquals(List.of(0), f.getList("data.funnel.trials", Integer.class));
        assertEquals(List.of(0), f.getList("data.funnel.newPayingCustomers", Integer.class));
        assertTrue(f.getList("data.byChannel.group").stream().noneMatch("ads"::equals), f.prettify());
        covered.add("funnel");
        JsonPath l = b.ok("{leadMetrics(" + R + ",granularity:MONTH,filter:{owners:[\"ann\"],channels:[\"ads\"]}){leads}}");
        assertEquals(List.of(0), l.getList("data.leadMetrics.leads", Integer.class));
        covered.add("leadMetrics");
        JsonPath d = b.ok("{dealMetrics(" + R + ",granularity:MONTH,filter:{owners:[\"ann\"]}){dealsWon dealsLost amountWon{amount}}}");
        assertEquals(List.of(0), d.getList("data.dealMetrics.dealsWon", Integer.class));
        assertEquals(List.of(0), d.getList("data.dealMetrics.dealsLost", Integer.class));
        covered.add("dealMetrics");
        JsonPath s = b.ok("{timeInStage(" + R + ",filter:{stages:[\"qual\"],owners:[\"ann\"]}){stages{stage exits} bottleneckStage}}");
        assertEquals(List.of(), s.getList("data.timeInStage.stages"));
        assertNull(s.get("data.timeInStage.bottleneckStage"));
        covered.add("timeInStage");
        JsonPath p = b.ok("{pipeline(at:\"2024-06-01T00:00:00Z\",filter:{stages:[\"qual\"],channels:[\"ads\"]}){stages{openDeals} totalValue{amount}}}");
        assertEquals(List.of(), p.getList("data.pipeline.stages"));
        assertAmount("0", p.get("data.pipeline.totalValue.amount"));
        covered.add("pipeline");
        assertEquals(List.of(), b.ok("{lostDealReasons(" + R + ",filter:{owners:[\"ann\"]}){reason}}").getList("data.lostDealReasons"));
        covered.add("lostDealReasons");
        assertEquals(List.of(), b.ok("{repLeaderboard(" + R + ",filter:{owners:[\"ann\"]}){owner}}").getList("data.repLeaderboard"));
        covered.add("repLeaderboard");
        JsonPath c = b.ok("{acquisitionCost(" + R + ",granularity:MONTH,filter:{channels:[\"ads\"]}){adSpend{amount} visitors leads}}");
        assertAmount("0", c.get("data.acquisitionCost[0].adSpend.amount"));
        assertEquals(0, c.getInt("data.acquisitionCost[0].visitors"));
        covered.add("acquisitionCost");
        assertEquals(List.of(), b.ok("{campaignRoi(filter:{channels:[\"ads\"]}){externalId}}").getList("data.campaignRoi"));
        assertEquals(List.of(), b.ok("{campaignRoi{externalId}}").getList("data.campaignRoi"));
        covered.add("campaignRoi");
        assertEquals(List.of(0), b.ok("{emailListGrowth(" + R + ",granularity:MONTH){subscribes}}").getList("data.emailListGrowth.subscribes", Integer.class));
        covered.add("emailListGrowth");
        assertEquals("NOT_FOUND", b.run(aCustomer, null).get("errors[0].extensions.code"));
        covered.add("customerAcquisition");
        assertEquals(List.of(), b.ok("{pipelineStages{code}}").getList("data.pipelineStages"));
        covered.add("pipelineStages");
        JsonPath status = b.ok("{acquisitionFeedStatus{cursor entriesApplied}}");
        assertNull(status.get("data.acquisitionFeedStatus.cursor"));
        assertEquals(0, status.getInt("data.acquisitionFeedStatus.entriesApplied"));
        covered.add("acquisitionFeedStatus");
        assertEquals("UTC", b.ok("{acquisitionSettings{timeZone}}").get("data.acquisitionSettings.timeZone"));
        covered.add("acquisitionSettings");
        assertEquals("adv-b", b.ok("{acquisitionServiceInfo{tenant}}").get("data.acquisitionServiceInfo.tenant"));
        covered.add("acquisitionServiceInfo");
        JsonPath e = b.ok(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("cust-1")));
        assertEquals("cust-1", e.get("data._entities[0].id"));
        assertNull(e.get("data._entities[0].acquisition"));
        covered.add("_entities");
        assertTrue(b.ok("{_service{sdl}}").getString("data._service.sdl").contains("type Customer"));
        covered.add("_service");

        // ---- mutations: A's external ids as B's, B's settings and B's feed ----------------------------------------
        for (String kind : Samples.KINDS) {
            JsonPath r = b.record(kind, list(Samples.fact(kind, 1)));
            String field = Gql.MUTATIONS.get(kind).split("\\(")[0];
            assertEquals(1, r.getInt("data." + field + ".accepted"), kind + " is new for B");
            covered.add(field);
        }
        assertEquals("Asia/Tokyo", b.ok(Samples.UPDATE_SETTINGS).get("data.updateAcquisitionSettings.timeZone"));
        covered.add("updateAcquisitionSettings");
        JsonPath sync = b.sync();
        assertEquals(0, sync.getInt("data.syncAcquisitionFeed.entriesApplied"));
        assertNull(sync.get("data.syncAcquisitionFeed.cursor"));
        covered.add("syncAcquisitionFeed");
        // B sees its own facts (so the attempts above really wrote something, for B)
        assertEquals("Hijacked", b.ok("{campaignRoi{name}}").get("data.campaignRoi[0].name"));

        // ---- A is exactly as before ---------------------------------------------------------------------------
        Samples.assertSeeded(Samples.snapshot(a));
        assertEquals(before, a.ok(aCustomer).getMap("data.customerAcquisition"));
        JsonPath aStatus = a.ok("{acquisitionFeedStatus{cursor entriesApplied}}");
        assertEquals("1", aStatus.get("data.acquisitionFeedStatus.cursor"));
        assertEquals(1, aStatus.getInt("data.acquisitionFeedStatus.entriesApplied"));
        JsonPath ae = a.ok(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("cust-1")));
        assertEquals("spring", ae.get("data._entities[0].acquisition.campaign"));

        // ---- every root field of the live schema has a case above ---------------------------------------------
        // (graphql-java's good-faith introspection check allows __Type.fields once per request: two requests)
        Set<String> roots = new TreeSet<>(b.ok("{__schema{queryType{fields{name}}}}").getList("data.__schema.queryType.fields.name", String.class));
        roots.addAll(b.ok("{__schema{mutationType{fields{name}}}}").getList("data.__schema.mutationType.fields.name", String.class));
        assertTrue(roots.size() > 25, roots.toString());
        JsonPath badFaith = b.run("{__schema{queryType{fields{name}} mutationType{fields{name}}}}", null);
        assertEquals("LIMIT_EXCEEDED", badFaith.get("errors[0].extensions.code"), badFaith.prettify());
        assertEquals(roots, covered);
    }
}
