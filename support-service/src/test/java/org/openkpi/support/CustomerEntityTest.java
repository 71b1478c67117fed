package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.support.Assert.num;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The federated Customer entity: _entities resolution, the support field, its default range, tenancy. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class CustomerEntityTest {

    static final String FIELDS = "customerId openTickets ticketVolume{period{start end} tickets} csat{value numerator denominator reason}";
    static final String ENTITIES = "query($reps:[_Any!]!){ _entities(representations:$reps){ __typename ... on Customer { id"
            + " support(range:{from:\"2024-05-01\",to:\"2024-08-01\"}){ " + FIELDS + " } } } }";

    static List<Map<String, Object>> reps(String... ids) {
        return Arrays.stream(ids).map(id -> Map.<String, Object>of("__typename", "Customer", "id", id)).toList();
    }

    @Test
    void entitiesResolveTheKnownCustomerAndNullForTheUnknownWithinTheCallersTenantOnly() {
        Gql a = SupportKpiTest.kpiTenant("fed-a");
        JsonPath r = a.ok(ENTITIES, Map.of("reps", reps("cust-2", "unknown")));
        assertEquals(List.of("Customer", "Customer"), r.getList("data._entities.__typename"));
        assertEquals(List.of("cust-2", "unknown"), r.getList("data._entities.id"));
        String p = "data._entities[0].support.";
        assertEquals("cust-2", r.get(p + "customerId"));
        num("1", r.get(p + "openTickets"));
        assertEquals(List.of("2024-05-01", "2024-06-01", "2024-07-01"), r.getList(p + "ticketVolume.period.start"));
        assertEquals(List.of(0, 0, 3), r.getList(p + "ticketVolume.tickets", Integer.class));
        num("0.5", r.get(p + "csat.value"));
        num("1", r.get(p + "csat.numerator"));
        num("2", r.get(p + "csat.denominator"));
        assertNull(r.get("data._entities[1].support"));

        // the field answers exactly what the root query does
        JsonPath root = a.ok("{ customerSupport(customerId:\"cust-2\", range:{from:\"2024-05-01\",to:\"2024-08-01\"}){ " + FIELDS + " } }");
        assertEquals(root.getMap("data.customerSupport").toString(), r.getMap("data._entities[0].support").toString());

        // granularity is honoured; without a range: the 12 calendar months ending today (UTC here), current month clipped
        JsonPath q = a.ok("query($reps:[_Any!]!){ _entities(representations:$reps){ ... on Customer { id"
                + " quarter: support(range:{from:\"2024-04-01\",to:\"2024-10-01\"}, granularity:QUARTER){ ticketVolume{tickets} }"
                + " recent: support{ openTickets ticketVolume{period{start end} tickets} csat{value reason} } } } }",
                Map.of("reps", reps("cust-1", "cust-2")));
        assertEquals(List.of(0, 2), q.getList("data._entities[0].quarter.ticketVolume.tickets", Integer.class));
        assertEquals(List.of(0, 3), q.getList("data._entities[1].quarter.ticketVolume.tickets", Integer.class));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> starts = q.getList("data._entities[1].recent.ticketVolume.period.start");
        assertEquals(12, starts.size());
        assertEquals(today.withDayOfMonth(1).minusMonths(11).toString(), starts.get(0));
        assertEquals(today.withDayOfMonth(1).toString(), starts.get(11));
        assertEquals(today.plusDays(1).toString(), q.get("data._entities[1].recent.ticketVolume[11].period.end"));
        num("1", q.get("data._entities[1].recent.openTickets"));
        assertNull(q.get("data._entities[1].recent.csat.value"));

        // another tenant asking for the same ids gets customers whose fields are null
        JsonPath other = Gql.as("fed-b").ok(ENTITIES, Map.of("reps", reps("cust-2", "unknown")));
        assertEquals(List.of("cust-2", "unknown"), other.getList("data._entities.id"));
        assertNull(other.get("data._entities[0].support"));
        assertNull(other.get("data._entities[1].support"));
    }
}
