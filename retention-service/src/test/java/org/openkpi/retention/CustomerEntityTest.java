package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The federated Customer entity: _entities resolution, the retention field, tenancy. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class CustomerEntityTest {

    static final String ENTITIES = "query($reps:[_Any!]!){ _entities(representations:$reps){ __typename ... on Customer { id"
            + " retention(asOf:\"2024-06-30\"){ customerId asOf paying mrr{amount currency} churns reactivations latestNpsScore"
            + " activity{ activeDaysLast30 } } } } }";

    static List<Map<String, Object>> reps(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> Map.<String, Object>of("__typename", "Customer", "id", id)).toList();
    }

    @Test
    void entitiesResolveTheKnownCustomerAndNullForTheUnknownWithinTheCallersTenantOnly() {
        FakeRevenue f = FakeRevenue.of("fed-a");
        f.movement("known", "2024-01-10", "NEW", "0", "100");
        f.movement("known", "2024-03-01", "CHURN", "100", "0");
        f.movement("known", "2024-05-01", "REACTIVATION", "0", "80");
        Gql a = Gql.as("fed-a");
        a.syncAll();
        a.ok(EngagementAndFeedbackTest.NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "known", 6, "2024-06-01T00:00:00Z"))));
        a.ok(EngagementAndFeedbackTest.ACTIVITY, Map.of("e", List.of(EngagementAndFeedbackTest.event("u1", "known", "2024-06-25T10:00:00Z"),
                EngagementAndFeedbackTest.event("u2", "known", "2024-06-20T10:00:00Z"))));

        JsonPath r = a.ok(ENTITIES, Map.of("reps", reps("known", "unknown")));
        assertEquals(2, r.getList("data._entities").size());
        assertEquals("Customer", r.get("data._entities[0].__typename"));
        assertEquals("known", r.get("data._entities[0].id"));
        String p = "data._entities[0].retention.";
        assertEquals("known", r.get(p + "customerId"));
        assertEquals("2024-06-30", r.get(p + "asOf"));
        assertEquals(true, r.get(p + "paying"));
        assertAmount("80", r.get(p + "mrr.amount"));
        assertEquals("USD", r.get(p + "mrr.currency"));
        assertEquals(1, (Integer) r.get(p + "churns"));
        assertEquals(1, (Integer) r.get(p + "reactivations"));
        assertEquals(6, (Integer) r.get(p + "latestNpsScore"));
        assertEquals(2, (Integer) r.get(p + "activity.activeDaysLast30"));
        assertEquals("unknown", r.get("data._entities[1].id"));
        assertNull(r.get("data._entities[1].retention"));

        // the field answers exactly what the root query does
        JsonPath root = a.ok("{ customerRetention(customerId:\"known\", asOf:\"2024-06-30\"){ customerId asOf paying mrr{amount currency}"
                + " churns reactivations latestNpsScore activity{ activeDaysLast30 } } }");
        assertEquals(root.getMap("data.customerRetention").toString(), r.getMap("data._entities[0].retention").toString());

        // order follows the representations (batch resolver)
        JsonPath reversed = a.ok(ENTITIES, Map.of("reps", reps("unknown", "known", "unknown")));
        assertEquals(List.of("unknown", "known", "unknown"), reversed.getList("data._entities.id"));
        assertNull(reversed.get("data._entities[0].retention"));
        assertEquals("known", reversed.get("data._entities[1].retention.customerId"));

        // another tenant asking for the same ids gets customers whose fields are null
        Gql b = Gql.as("fed-b");
        JsonPath other = b.ok(ENTITIES, Map.of("reps", reps("known", "unknown")));
        assertEquals(List.of("known", "unknown"), other.getList("data._entities.id"));
        assertNull(other.get("data._entities[0].retention"));
        assertNull(other.get("data._entities[1].retention"));
    }
}
