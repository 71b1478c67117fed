package org.openkpi.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The gateway's delegation, request by request, against stand-in services (FakeSubgraphs). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeSubgraphs.class)
class ForwardingTest {

    private static final String RANGE = "range: {from: \"2026-01-01\", to: \"2026-03-01\"}, granularity: MONTH";

    @BeforeEach
    void reset() {
        FakeSubgraphs.reset();
    }

    @Test
    void theRootFieldsOfOneServiceGoOutAsOneOperationWithTheCallersToken() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> """
                {"data":{"p":[{"code":"pro"}],"mrrSeries":[{"period":{"start":"2026-01-01"},"mrrEnd":{"amount":1234.50,"currency":"USD"}}]}}""");
        FakeSubgraphs.ANSWERS.put("acquisition", body -> """
                {"data":{"funnel":[{"visitors":10000}]}}""");
        String token = Tokens.forTenant("acme");
        String raw = postRaw(token, "{ p: plans { code } mrrSeries(" + RANGE + ") { period { start } mrrEnd { amount currency } } "
                + "funnel(" + RANGE + ") { visitors } }", Map.of());
        JsonPath answer = JsonPath.from(raw);
        assertNull(answer.get("errors"));
        assertEquals("pro", answer.getString("data.p[0].code"));
        assertTrue(raw.contains("\"amount\":1234.50"), "money passes through to the cent: " + raw);
        assertEquals(10000, answer.getInt("data.funnel[0].visitors"));

        List<FakeSubgraphs.Received> revenue = FakeSubgraphs.RECEIVED.get("revenue");
        assertEquals(1, revenue.size(), "one operation for both revenue fields");
        String query = JsonPath.from(revenue.get(0).body()).getString("query");
        assertTrue(query.contains("p:plans"), query);
        assertTrue(query.contains("mrrSeries:mrrSeries(range: {from : \"2026-01-01\", to : \"2026-03-01\"}, granularity: MONTH)")
                || query.contains("mrrSeries:mrrSeries("), query);
        assertFalse(query.contains("funnel"), "acquisition's field is not sent to revenue: " + query);
        assertEquals("Bearer " + token, revenue.get(0).authorization());
        assertEquals(1, FakeSubgraphs.RECEIVED.get("acquisition").size());
        assertNull(FakeSubgraphs.RECEIVED.get("retention"), "a service not asked is not called");
    }

    @Test
    void servicesAreAskedAtTheSameTime() {
        CountDownLatch acquisitionAsked = new CountDownLatch(1);
        FakeSubgraphs.ANSWERS.put("acquisition", body -> {
            acquisitionAsked.countDown();
            return "{\"data\":{\"funnel\":[]}}";
        });
        FakeSubgraphs.ANSWERS.put("revenue", body -> {
            try {
                // revenue answers only once acquisition has been asked too: with sequential calls this would wait in vain
                return acquisitionAsked.await(4, TimeUnit.SECONDS) ? "{\"data\":{\"plans\":[]}}"
                        : "{\"data\":null,\"errors\":[{\"message\":\"asked one after the other\"}]}";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonPath answer = post(Tokens.forTenant("acme"), "{ plans { code } funnel(" + RANGE + ") { visitors } }");
        assertNull(answer.get("errors"), String.valueOf((Object) answer.get("errors")));
        assertEquals(List.of(), answer.getList("data.plans"));
    }

    @Test
    void aServicesErrorsArePlacedWhereTheyBelongAndNamed() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> """
                {"data":{"mrrSeries":null},"errors":[{"message":"range: from must be before to","path":["mrrSeries"],
                  "extensions":{"code":"VALIDATION","field":"range"}}]}""");
        FakeSubgraphs.ANSWERS.put("acquisition", body -> "{\"data\":{\"funnel\":[{\"visitors\":5}]}}");
        JsonPath answer = post(Tokens.forTenant("acme"), "{ mrrSeries(" + RANGE + ") { period { start } } funnel(" + RANGE + ") { visitors } }");
        assertEquals(5, answer.getInt("data.funnel[0].visitors"));
        assertNull(answer.get("data.mrrSeries"));
        assertEquals(List.of("mrrSeries"), answer.getList("errors[0].path"));
        assertEquals("VALIDATION", answer.getString("errors[0].extensions.code"));
        assertEquals("range", answer.getString("errors[0].extensions.field"));
        assertEquals("revenue", answer.getString("errors[0].extensions.service"));
        assertEquals("range: from must be before to", answer.getString("errors[0].message"));
    }

    @Test
    void aSlowServiceTimesOutAndTheOthersStillAnswer() {
        FakeSubgraphs.ANSWERS.put("support", body -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{\"data\":{\"firstResponseTime\":[]}}";
        });
        FakeSubgraphs.ANSWERS.put("revenue", body -> "{\"data\":{\"plans\":[{\"code\":\"pro\"}]}}");
        JsonPath answer = post(Tokens.forTenant("acme"), "{ plans { code } firstResponseTime(" + RANGE + ") { tickets } }");
        assertEquals("pro", answer.getString("data.plans[0].code"));
        assertNull(answer.get("data.firstResponseTime"));
        assertEquals("UPSTREAM_UNAVAILABLE", answer.getString("errors[0].extensions.code"));
        assertEquals("support", answer.getString("errors[0].extensions.service"));
        assertEquals("support-service did not answer within 300 ms", answer.getString("errors[0].message"));
        assertEquals(List.of("firstResponseTime"), answer.getList("errors[0].path"));
    }

    @Test
    void anEntitysFieldsOfOtherServicesComeFromTheirEntitiesResolver() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> """
                {"data":{"customer":{"gw_key_id":"c1","id":"c1","revenue":{"name":"Acme"}}}}""");
        FakeSubgraphs.ANSWERS.put("support", body -> """
                {"data":{"_entities":[{"support":{"openTickets":2}}]}}""");
        JsonPath answer = post(Tokens.forTenant("acme"),
                "{ customer(id: \"c1\") { id revenue { name } support(range: {from: \"2026-01-01\", to: \"2026-02-01\"}) { openTickets } } }");
        assertNull(answer.get("errors"), String.valueOf((Object) answer.get("errors")));
        assertEquals("Acme", answer.getString("data.customer.revenue.name"));
        assertEquals(2, answer.getInt("data.customer.support.openTickets"));

        String toRevenue = JsonPath.from(FakeSubgraphs.RECEIVED.get("revenue").get(0).body()).getString("query");
        assertTrue(toRevenue.contains("gw_key_id:id"), toRevenue);
        assertFalse(toRevenue.contains("support"), "support's field is not asked of revenue: " + toRevenue);
        JsonPath toSupport = JsonPath.from(FakeSubgraphs.RECEIVED.get("support").get(0).body());
        assertTrue(toSupport.getString("query").contains("_entities(representations: $gw_representations) { ... on Customer {"),
                toSupport.getString("query"));
        assertEquals(List.of(Map.of("__typename", "Customer", "id", "c1")), toSupport.getList("variables.gw_representations"));
    }

    /**
     * A query only the services answer takes the gateway's pass-through (ForwardedQueries); the same query with one
     * gateway field added takes graphql-java's field-by-field execution. Both must send the same operations and give
     * the same data and errors: aliases, a root fragment, variables, @include, __typename, money to the cent, an
     * error inside a list, an error without a path, a service that times out.
     */
    @Test
    void aQueryOnlyTheServicesAnswerIsAnsweredAsTheFieldByFieldExecutionAnswersIt() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> """
                {"data":{"m":[{"__typename":"MrrPoint","period":{"start":"2026-01-01"},"mrrEnd":{"amount":1234.50,"currency":"USD"},
                  "arpa":{"value":0.5}}],"plans":[{"code":"pro"}]},
                 "errors":[{"message":"arpa is provisional","path":["m",0,"arpa"],"extensions":{"code":"INTERNAL"}},{"message":"no path"}]}""");
        FakeSubgraphs.ANSWERS.put("acquisition", body -> "{\"data\":{\"funnel\":[{\"visitors\":7}]}}");
        FakeSubgraphs.ANSWERS.put("support", body -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{\"data\":{\"firstResponseTime\":[]}}";
        });
        String operation = """
                query($range: DateRangeInput!, $withArpa: Boolean!) {
                  %s
                  ...Plans
                  m: mrrSeries(range: $range, granularity: MONTH) { __typename period { start } mrrEnd { amount currency }
                     arpa @include(if: $withArpa) { value } }
                  funnel(range: $range, granularity: MONTH) { visitors }
                  firstResponseTime(range: $range, granularity: MONTH) @include(if: true) { tickets }
                  retentionSeries(range: $range, granularity: MONTH) @include(if: false) { period { start } }
                }
                fragment Plans on Query { plans { code } }""";
        Map<String, Object> variables = Map.of("range", Map.of("from", "2026-01-01", "to", "2026-03-01"), "withArpa", true);
        String token = Tokens.forTenant("acme");

        String passedOn = postRaw(token, operation.formatted(""), variables);
        List<FakeSubgraphs.Received> passedOnCalls = FakeSubgraphs.RECEIVED.get("revenue");
        FakeSubgraphs.RECEIVED.clear();
        String fieldByField = postRaw(token, operation.formatted("serviceInfo { service }"), variables);

        assertTrue(passedOn.contains("\"amount\":1234.50"), passedOn);
        JsonPath fast = JsonPath.from(passedOn);
        JsonPath general = JsonPath.from(fieldByField);
        Map<String, Object> generalData = new java.util.LinkedHashMap<>(general.getMap("data"));
        assertEquals("gateway", ((Map<?, ?>) generalData.remove("serviceInfo")).get("service"));
        assertEquals(generalData, fast.getMap("data"));
        assertEquals(List.of("plans", "m", "funnel", "firstResponseTime"), List.copyOf(fast.getMap("data").keySet()),
                "the client's order");
        assertEquals("MrrPoint", fast.getString("data.m[0].__typename"));
        assertNull(fast.get("data.firstResponseTime"));
        assertEquals(sortedByMessage(general.getList("errors")), sortedByMessage(fast.getList("errors")));
        assertEquals(3, fast.getList("errors").size(), passedOn);
        assertEquals(List.of("m", 0, "arpa"), fast.getList("errors.find { it.message == 'arpa is provisional' }.path"));
        assertEquals("revenue", fast.getString("errors.find { it.message == 'no path' }.extensions.service"));
        assertEquals("UPSTREAM_UNAVAILABLE", fast.getString("errors.find { it.path == ['firstResponseTime'] }.extensions.code"));
        assertEquals(passedOnCalls.get(0).body(), FakeSubgraphs.RECEIVED.get("revenue").get(0).body(),
                "the same operation is sent to the service either way");
        assertNull(FakeSubgraphs.RECEIVED.get("retention"), "a field left out by @include is not asked for");
    }

    /**
     * A service whose answer breaks the gateway's schema (its live schema drifted from the gateway's snapshot): a
     * null where none is allowed makes the nearest nullable value null, with an error naming the service, and a value
     * it left out is null; both strategies agree.
     */
    @Test
    void aNullTheSchemaDoesNotAllowIsPropagatedAsFieldByFieldExecutionDoes() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> """
                {"data":{"m":[{"period":{"start":"2026-01-01"}},{"period":null}],
                  "plans":[{"code":"pro","tier":"gold"},{"code":"basic"}],
                  "p":[{"code":"pro","name":null}]}}""");
        String operation = "{ %s m: mrrSeries(" + RANGE + ") { period { start } group } plans { code tier } p: plans { code name } }";
        String token = Tokens.forTenant("acme");
        JsonPath fast = JsonPath.from(postRaw(token, operation.formatted(""), Map.of()));
        JsonPath general = JsonPath.from(postRaw(token, operation.formatted("serviceInfo { service }"), Map.of()));

        assertNull(fast.get("data.m"), "period is non-null in a list of non-null points: the whole list goes");
        assertNull(fast.get("data.p"));
        assertEquals("gold", fast.getString("data.plans[0].tier"));
        assertTrue(fast.getMap("data.plans[1]").containsKey("tier"), "a value the service left out is null");
        assertNull(fast.get("data.plans[1].tier"));
        Map<String, Object> generalData = new java.util.LinkedHashMap<>(general.getMap("data"));
        generalData.remove("serviceInfo");
        assertEquals(generalData, fast.getMap("data"));
        assertEquals(List.of(List.of("m", 1, "period"), List.of("p", 0, "name")), fast.getList("errors.path"));
        assertEquals(List.of("INTERNAL", "INTERNAL"), fast.getList("errors.extensions.code"));
        assertEquals(List.of("revenue", "revenue"), fast.getList("errors.extensions.service"));
        assertEquals(fast.getList("errors.path"), general.getList("errors.path"));
    }

    @Test
    void aQueryForTheRootTypeNameStillReachesTheServices() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> "{\"data\":{\"plans\":[{\"code\":\"pro\"}]}}");
        JsonPath answer = post(Tokens.forTenant("acme"), "{ __typename plans { code } }");
        assertNull(answer.get("errors"), String.valueOf((Object) answer.get("errors")));
        assertEquals("Query", answer.getString("data.__typename"));
        assertEquals("pro", answer.getString("data.plans[0].code"));
    }

    private static List<String> sortedByMessage(List<Map<String, Object>> errors) {
        return errors.stream().map(e -> new java.util.TreeMap<>(e).toString()).sorted().toList();
    }

    @Test
    void mutationsGoOneByOneInOrder() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> body.contains("recordPlans")
                ? "{\"data\":{\"recordPlans\":{\"accepted\":1}}}" : "{\"data\":{\"recordCustomers\":{\"accepted\":2}}}");
        JsonPath answer = post(Tokens.forTenant("acme"), """
                mutation($c: [CustomerInput!]!) {
                  recordPlans(plans: [{code: "pro", name: "Pro", currency: "USD", price: 149, intervalMonths: 1}]) { accepted }
                  recordCustomers(customers: $c) { accepted } }""",
                Map.of("c", List.of(Map.of("externalId", "c1"), Map.of("externalId", "c2"))));
        assertNull(answer.get("errors"), String.valueOf((Object) answer.get("errors")));
        assertEquals(2, answer.getInt("data.recordCustomers.accepted"));
        List<FakeSubgraphs.Received> revenue = FakeSubgraphs.RECEIVED.get("revenue");
        assertEquals(2, revenue.size());
        assertTrue(revenue.get(0).body().contains("recordPlans"));
        JsonPath second = JsonPath.from(revenue.get(1).body());
        assertTrue(second.getString("query").startsWith("mutation($c: [CustomerInput!]!)"), second.getString("query"));
        assertEquals("c2", second.getString("variables.c[1].externalId"), "only the variables the field uses, as sent");
    }

    private static JsonPath post(String token, String query) {
        return post(token, query, Map.of());
    }

    private static JsonPath post(String token, String query, Map<String, Object> variables) {
        return JsonPath.from(postRaw(token, query, variables));
    }

    private static String postRaw(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200).extract().asString();
    }
}
