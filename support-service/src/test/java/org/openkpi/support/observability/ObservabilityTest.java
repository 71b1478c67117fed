package org.openkpi.support.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openkpi.support.EmbeddedPostgresResource;
import org.openkpi.support.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Metrics (/q/metrics: GraphQL latency per root field and outcome) and readiness with the database. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ObservabilityTest {

    static JsonPath post(String query) {
        return given().auth().oauth2(Tokens.forTenant("obs-support")).contentType(ContentType.JSON).body(Map.of("query", query))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series (an exemplar "# {trace_id=...}" may follow it), or 0 when absent. */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)( # .*)?$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String count(String field, String outcome) {
        return "kpi_graphql_request_seconds_count{field=\"" + field + "\",operation=\"query\",outcome=\"" + outcome + "\"}";
    }

    @Test
    void eachRequestIsTimedOncePerRootFieldByFieldNameAndOutcome() {
        String before = metrics();
        JsonPath answer = post("{ s1: supportServiceInfo { service } s2: supportServiceInfo { tenant } }");
        assertEquals(null, (Object) answer.get("errors"), answer.prettify());
        // a document that fails validation is not executed, so its names (client input) never become tags
        post("{ noSuchField }");
        String after = metrics();
        assertEquals(value(before, count("supportServiceInfo", "ok")) + 1, value(after, count("supportServiceInfo", "ok")), "one sample per root field, not per alias");
        assertTrue(after.contains("kpi_graphql_request_seconds_bucket{field=\"supportServiceInfo\",operation=\"query\",outcome=\"ok\",le=\"0.005\"}"));
        assertTrue(!after.contains("noSuchField"), "no tag from an invalid document");
    }

    @Test
    void readinessIncludesTheDatabase() {
        List<Map<String, Object>> checks = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath().getList("checks");
        assertTrue(checks.stream().anyMatch(c -> "Database connections health check".equals(c.get("name")) && "UP".equals(c.get("status"))),
                checks.toString());
    }
}
