package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The federated Customer entity: _entities and its acquisition field, always within the token's tenant. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class CustomerEntityTest {

    static final String ENTITIES = """
            query($reps:[_Any!]!){ _entities(representations:$reps){ __typename ... on Customer { id
              acquisition { customerId firstPaymentDay churnDay channel campaign attributedFrom trials leads }
            } } }""";

    static List<Map<String, Object>> reps(String... ids) {
        return List.of(ids).stream().map(id -> Map.<String, Object> of("__typename", "Customer", "id", id)).toList();
    }

    private static boolean seeded;

    /**
     * Tenant fed-a: c1 pays from 2024-01-10 (feed channel ads) after a webinar trial; c2 pays from 2024-01-20 (feed
     * channel organic), churns 2024-03-01, and came as a seo lead.
     */
    static synchronized Gql seededTenant() {
        Gql a = Gql.as("fed-a");
        if (seeded) {
            return a;
        }
        seeded = true;
        FakeRevenueService.movement(a.tenant, "c1", "NEW", "2024-01-10", "ads");
        FakeRevenueService.movement(a.tenant, "c2", "NEW", "2024-01-20", "organic");
        FakeRevenueService.movement(a.tenant, "c2", "CHURN", "2024-03-01", "organic");
        a.sync();
        a.record("trials", list(m("externalId", "t1", "startedAt", "2024-01-05T10:00:00Z", "channel", "webinar",
                "campaign", "spring", "customerId", "c1")));
        a.record("leads", list(m("externalId", "l1", "capturedAt", "2024-01-02T09:00:00Z", "channel", "seo", "customerId", "c2")));
        return a;
    }

    @Test
    void entitiesResolveKnownCustomersAndNullFieldsForUnknownOnes() {
        Gql a = seededTenant();
        JsonPath r = a.ok(ENTITIES, Map.of("reps", reps("c1", "nobody", "c2")));

        assertEquals(3, r.getList("data._entities").size());
        assertEquals("Customer", r.get("data._entities[0].__typename"));
        assertEquals("c1", r.get("data._entities[0].id"));
        assertEquals("c1", r.get("data._entities[0].acquisition.customerId"));
        assertEquals("2024-01-10", r.get("data._entities[0].acquisition.firstPaymentDay"));
        assertNull(r.get("data._entities[0].acquisition.churnDay"));
        assertEquals("webinar", r.get("data._entities[0].acquisition.channel"));
        assertEquals("spring", r.get("data._entities[0].acquisition.campaign"));
        assertEquals("TRIAL", r.get("data._entities[0].acquisition.attributedFrom"));
        assertEquals(List.of("t1"), r.getList("data._entities[0].acquisition.trials"));
        assertEquals(List.of(), r.getList("data._entities[0].acquisition.leads"));

        assertEquals("Customer", r.get("data._entities[1].__typename"));
        assertEquals("nobody", r.get("data._entities[1].id"));
        assertNull(r.get("data._entities[1].acquisition"));

        assertEquals("c2", r.get("data._entities[2].id"));
        assertEquals("2024-01-20", r.get("data._entities[2].acquisition.firstPaymentDay"));
        assertEquals("2024-03-01", r.get("data._entities[2].acquisition.churnDay"));
        assertEquals("seo", r.get("data._entities[2].acquisition.channel"));
        assertEquals("(none)", r.get("data._entities[2].acquisition.campaign"));
        assertEquals("LEAD", r.get("data._entities[2].acquisition.attributedFrom"));
        assertEquals(List.of(), r.getList("data._entities[2].acquisition.trials"));
        assertEquals(List.of("l1"), r.getList("data._entities[2].acquisition.leads"));

        // the field is the same data as the root query
        JsonPath root = a.ok("{ customerAcquisition(customerId:\"c2\"){ customerId firstPaymentDay churnDay channel campaign attributedFrom trials leads } }");
        assertEquals(root.getMap("data.customerAcquisition"), r.getMap("data._entities[2].acquisition"));
    }

    @Test
    void anotherTenantResolvesTheSameIdsToCustomersWithoutAcquisition() {
        seededTenant();
        JsonPath r = Gql.as("fed-b").ok(ENTITIES, Map.of("reps", reps("c1", "nobody")));
        assertEquals(2, r.getList("data._entities").size());
        assertEquals("c1", r.get("data._entities[0].id"));
        assertNull(r.get("data._entities[0].acquisition"));
        assertEquals("nobody", r.get("data._entities[1].id"));
        assertNull(r.get("data._entities[1].acquisition"));
    }
}
