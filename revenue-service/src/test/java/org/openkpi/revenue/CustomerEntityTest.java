package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The federated Customer entity: root customer(id), _entities, and its revenue field, always within the token's tenant. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CustomerEntityTest {

    static final String ENTITIES = """
            query($reps:[_Any!]!){ _entities(representations:$reps){ __typename ... on Customer { id
              revenue(asOf:"2024-02-15"){ customerId country mrr{amount currency} firstPaymentDay churnedOn movements{day kind} }
              january: revenue(asOf:"2024-01-31"){ mrr{amount} }
              before: revenue(asOf:"2024-01-04"){ mrr{amount} firstPaymentDay }
            } } }""";

    static List<Map<String, Object>> reps(String... ids) {
        return List.of(ids).stream().map(id -> Map.<String, Object> of("__typename", "Customer", "id", id)).toList();
    }

    /** Tenant fed-a: c1 pays 100 from 2024-01-05, upgrades to 250 on 2024-02-10; c2 pays 100 from 2024-01-20. */
    static Gql seededTenant() {
        Gql a = Gql.as("fed-a");
        a.plans(list(plan("pro", "100", "USD", 1), plan("max", "250", "USD", 1)));
        a.customers(list(customer("c1", "DE", "SMB", "ads"), customer("c2", "US", "SMB", "seo")));
        a.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "pro"),
                event("e2", "c1", "s1", "PLAN_CHANGED", "2024-02-10T00:00:00Z", "planCode", "max"),
                event("e3", "c2", "s2", "STARTED", "2024-01-20T00:00:00Z", "planCode", "pro")));
        return a;
    }

    @Test
    void entitiesResolveKnownCustomersAndNullFieldsForUnknownOnes() {
        Gql a = seededTenant();
        JsonPath r = a.ok(ENTITIES, Map.of("reps", reps("c1", "nobody", "c2")));

        assertEquals(3, r.getList("data._entities").size());
        assertEquals("Customer", r.get("data._entities[0].__typename"));
        assertEquals("c1", r.get("data._entities[0].id"));
        assertEquals("c1", r.get("data._entities[0].revenue.customerId"));
        assertEquals("DE", r.get("data._entities[0].revenue.country"));
        assertAmount("250", r.get("data._entities[0].revenue.mrr.amount"));
        assertEquals("USD", r.get("data._entities[0].revenue.mrr.currency"));
        assertEquals("2024-01-05", r.get("data._entities[0].revenue.firstPaymentDay"));
        assertNull(r.get("data._entities[0].revenue.churnedOn"));
        assertEquals(List.of("NEW", "EXPANSION"), r.getList("data._entities[0].revenue.movements.kind"));
        assertEquals(List.of("2024-01-05", "2024-02-10"), r.getList("data._entities[0].revenue.movements.day"));
        // aliases asking other days of the same customer get their own day's MRR
        assertAmount("100", r.get("data._entities[0].january.mrr.amount"));
        assertAmount("0", r.get("data._entities[0].before.mrr.amount"));

        assertEquals("Customer", r.get("data._entities[1].__typename"));
        assertEquals("nobody", r.get("data._entities[1].id"));
        assertNull(r.get("data._entities[1].revenue"));
        assertNull(r.get("data._entities[1].january"));

        assertEquals("c2", r.get("data._entities[2].id"));
        assertAmount("100", r.get("data._entities[2].revenue.mrr.amount"));
        assertEquals(List.of("2024-01-20"), r.getList("data._entities[2].revenue.movements.day"));
        assertAmount("100", r.get("data._entities[2].january.mrr.amount"));

        // the field is the same data as the root query
        JsonPath root = a.ok("{ customerMrrHistory(customerId:\"c1\", asOf:\"2024-02-15\"){ mrr{amount} firstPaymentDay } }");
        assertEquals(root.getString("data.customerMrrHistory.mrr.amount"), r.getString("data._entities[0].revenue.mrr.amount"));
    }

    @Test
    void anotherTenantResolvesTheSameIdsToCustomersWithoutRevenue() {
        seededTenant();
        Gql b = Gql.as("fed-b");
        JsonPath r = b.ok(ENTITIES, Map.of("reps", reps("c1", "nobody")));
        assertEquals("c1", r.get("data._entities[0].id"));
        assertNull(r.get("data._entities[0].revenue"));
        assertNull(r.get("data._entities[0].january"));
        assertEquals("nobody", r.get("data._entities[1].id"));
        assertNull(r.get("data._entities[1].revenue"));
        assertNull(b.ok("{ customer(id:\"c1\"){ id revenue{ mrr{amount} } } }").get("data.customer"));
    }

    @Test
    void rootCustomerIsTheEntryPointAndNullForAnUnknownId() {
        Gql a = seededTenant();
        JsonPath r = a.ok("{ customer(id:\"c1\"){ id revenue(asOf:\"2024-01-31\"){ customerId mrr{amount} } } }");
        assertEquals("c1", r.get("data.customer.id"));
        assertEquals("c1", r.get("data.customer.revenue.customerId"));
        assertAmount("100", r.get("data.customer.revenue.mrr.amount"));
        JsonPath unknown = a.ok("{ customer(id:\"nobody\"){ id } }");
        assertNull(unknown.get("data.customer"));
    }
}
