package org.openkpi.gateway.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openkpi.gateway.EmbeddedPostgresResource;
import org.openkpi.gateway.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The gateway's metrics (/q/metrics), readiness (database and domain services) and trace propagation, against
 * stand-in services ({@link ProbedServices}).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(ProbedServices.class)
class ObservabilityTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void servicesBackUp() throws InterruptedException {
        ProbedServices.FAILING.clear();
        for (String service : ProbedServices.SERVICES) {
            try {
                ProbedServices.restart(service);
            } catch (IllegalStateException alreadyRunning) {
                // it was not stopped
            }
        }
        Thread.sleep(1100); // past the readiness cache
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series of the Prometheus text (after it may come an exemplar: # {trace_id=...}), or 0 when absent. */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)( # .*)?$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static JsonPath post(String query, String traceparent) {
        var request = given().auth().oauth2(Tokens.forTenant("acme")).contentType(ContentType.JSON)
                .body(Map.of("query", query));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void eachRequestIsTimedOncePerRootFieldByFieldNameAndOutcome() {
        String plansOk = "kpi_graphql_request_seconds_count{field=\"plans\",operation=\"query\",outcome=\"ok\"}";
        String plansError = "kpi_graphql_request_seconds_count{field=\"plans\",operation=\"query\",outcome=\"error\"}";
        String serviceInfoOk = "kpi_graphql_request_seconds_count{field=\"serviceInfo\",operation=\"query\",outcome=\"ok\"}";
        String before = metrics();

        // the forwarded path (ForwardedQueries), two aliases of one field: one sample for "plans", none per alias
        JsonPath answer = post("{ a: plans { code } b: plans { code } }", null);
        assertEquals("pro", answer.getString("data.a[0].code"));
        // the gateway's own field
        post("{ serviceInfo { service } }", null);
        // revenue-service fails: that field's outcome is error
        ProbedServices.FAILING.put("revenue", true);
        answer = post("{ plans { code } }", null);
        assertEquals("UPSTREAM_UNAVAILABLE", answer.getString("errors[0].extensions.code"));

        String after = metrics();
        assertEquals(value(before, plansOk) + 1, value(after, plansOk), after);
        assertEquals(value(before, plansError) + 1, value(after, plansError), after);
        assertEquals(value(before, serviceInfoOk) + 1, value(after, serviceInfoOk), after);
        assertTrue(after.contains("# TYPE kpi_graphql_request_seconds histogram"), after);
        assertTrue(after.contains("kpi_graphql_request_seconds_bucket{field=\"plans\",operation=\"query\",outcome=\"ok\",le=\"0.005\"}"), after);
        assertTrue(!after.contains("field=\"a\"") && !after.contains("field=\"b\""), "aliases are not tags");
    }

    @Test
    void readinessIncludesTheDatabaseAndTheServicesAndStaysUpWhileOneServiceAnswers() throws InterruptedException {
        JsonPath ready = readiness(200);
        assertEquals("UP", check(ready, "Database connections health check").get("status"));
        Map<String, Object> services = check(ready, ServicesReadiness.NAME);
        assertEquals("UP", services.get("status"));
        assertEquals(Map.of("revenue", "UP", "acquisition", "UP", "retention", "UP", "support", "UP", "servicesUp", 4),
                services.get("data"));

        // cached: within the cache time a second probe makes no calls
        int probes = ProbedServices.PROBES.get("revenue").get();
        readiness(200);
        assertEquals(probes, ProbedServices.PROBES.get("revenue").get());

        // one service refuses connections, another answers 503: still ready, their state in the data
        ProbedServices.stop("retention");
        ProbedServices.FAILING.put("support", true);
        Thread.sleep(1100);
        services = check(readiness(200), ServicesReadiness.NAME);
        assertEquals("UP", services.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) services.get("data");
        assertEquals("UP", data.get("revenue"));
        assertEquals("UP", data.get("acquisition"));
        assertTrue(String.valueOf(data.get("retention")).startsWith("DOWN ("), data.toString());
        assertEquals("DOWN (HTTP 503)", data.get("support"));
        assertEquals(2, data.get("servicesUp"));

        // none answers: not ready
        ProbedServices.stop("revenue");
        ProbedServices.FAILING.put("acquisition", true);
        Thread.sleep(1100);
        services = check(readiness(503), ServicesReadiness.NAME);
        assertEquals("DOWN", services.get("status"));
        assertEquals(0, ((Map<?, ?>) services.get("data")).get("servicesUp"));
        // liveness never depends on the services
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theCallersTraceContinuesIntoEveryServiceCalled() {
        ProbedServices.TRACEPARENTS.clear();
        String parent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
        // a query with fields of two services (both forwarded), and one that takes the general strategy
        post("{ plans { code } funnel(range: {from: \"2026-01-01\", to: \"2026-03-01\"}, granularity: MONTH) { visitors } }", parent);
        post("{ serviceInfo { service } plans { code } }", parent);
        List<String> revenue = ProbedServices.TRACEPARENTS.get("revenue");
        List<String> acquisition = ProbedServices.TRACEPARENTS.get("acquisition");
        assertEquals(2, revenue.size(), String.valueOf(revenue));
        assertEquals(1, acquisition.size(), String.valueOf(acquisition));
        for (String sent : List.of(revenue.get(0), revenue.get(1), acquisition.get(0))) {
            String[] parts = sent.split("-");
            assertEquals(4, parts.length, sent);
            assertEquals(TRACE_ID, parts[1], "the caller's trace id: " + sent);
            assertTrue(!parts[2].equals("00f067aa0ba902b7"), "a span of the gateway's own is the parent: " + sent);
        }
    }

    static JsonPath readiness(int status) {
        return given().when().get("/q/health/ready").then().statusCode(status).extract().jsonPath();
    }

    static Map<String, Object> check(JsonPath health, String name) {
        List<Map<String, Object>> checks = health.getList("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.prettify()));
    }
}
