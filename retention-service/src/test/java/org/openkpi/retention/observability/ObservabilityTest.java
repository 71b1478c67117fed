package org.openkpi.retention.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openkpi.retention.EmbeddedPostgresResource;
import org.openkpi.retention.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Metrics (GraphQL latency per root field, change-feed lag), readiness with the database, and the trace continuing
 * into revenue-service's change feed, against a scripted feed ({@link ScriptedFeed}) and a database of its own.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(ScriptedFeed.class)
class ObservabilityTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    static JsonPath post(String tenant, String query, String traceparent) {
        var request = given().auth().oauth2(Tokens.forTenant(tenant)).contentType(ContentType.JSON).body(Map.of("query", query));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        JsonPath answer = request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals(null, (Object) answer.get("errors"), answer.prettify());
        return answer;
    }

    /** One sync: at most two pages of one entry in these tests (see ScriptedFeed). */
    static JsonPath sync(String tenant, String traceparent) {
        return post(tenant, "mutation{syncRetentionFeed{pending lastError}}", traceparent);
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series (an exemplar "# {trace_id=...}" may follow it), or NaN when absent. */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)( # .*)?$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void graphqlRequestsAreTimedPerRootFieldAndReadinessIncludesTheDatabase() {
        String series = "kpi_graphql_request_seconds_count{field=\"retentionServiceInfo\",operation=\"query\",outcome=\"ok\"}";
        double before = value(metrics(), series);
        post("obs-metrics", "{ s1: retentionServiceInfo { service } s2: retentionServiceInfo { tenant } }", null);
        String after = metrics();
        assertEquals((Double.isNaN(before) ? 0 : before) + 1, value(after, series), "one sample per root field, not per alias");
        assertTrue(after.contains("kpi_graphql_request_seconds_bucket{field=\"retentionServiceInfo\",operation=\"query\",outcome=\"ok\",le=\"0.005\"}"));

        List<Map<String, Object>> checks = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath().getList("checks");
        assertTrue(checks.stream().anyMatch(c -> "Database connections health check".equals(c.get("name")) && "UP".equals(c.get("status"))),
                checks.toString());
    }

    @Test
    void feedLagGaugesFollowTheAppliedFeedAndTheTraceContinuesIntoRevenueService() {
        Instant a1 = Instant.parse("2024-03-01T10:00:00Z");
        Instant a2 = Instant.parse("2024-03-02T12:00:00Z");
        Instant b1 = Instant.parse("2024-02-01T00:00:00Z");
        Instant b2 = Instant.parse("2024-06-01T00:00:00Z");
        ScriptedFeed.movement("obs-a", a1);
        ScriptedFeed.movement("obs-a", a2);
        ScriptedFeed.movement("obs-b", b1);
        ScriptedFeed.movement("obs-b", b1);
        ScriptedFeed.movement("obs-b", b2);
        ScriptedFeed.failing("obs-c", true);

        // tenant a catches up completely, with the caller's trace; b reads two entries of three (two pages of one); c's reads fail
        ScriptedFeed.takeTraceparents();
        sync("obs-a", "00-" + TRACE_ID + "-b7ad6b7169203331-01");
        List<String> traceparents = ScriptedFeed.takeTraceparents();
        assertTrue(!traceparents.isEmpty());
        for (String sent : traceparents) {
            assertTrue(sent.startsWith("00-" + TRACE_ID + "-"), "the caller's trace continues into revenue-service: " + sent);
            assertTrue(!sent.contains("b7ad6b7169203331"), "under a span of retention-service's own: " + sent);
        }
        assertEquals(Boolean.TRUE, sync("obs-b", null).get("data.syncRetentionFeed.pending"));
        sync("obs-c", null);

        long before = System.currentTimeMillis();
        String m = metrics();
        long after = System.currentTimeMillis();
        // the tenant furthest behind is b: its newest applied entry is b1
        assertEquals((double) b1.getEpochSecond(), value(m, "kpi_feed_applied_timestamp_seconds"), m);
        double lag = value(m, "kpi_feed_lag_seconds");
        assertTrue(lag >= (before - b1.toEpochMilli()) / 1000.0 - 0.001 && lag <= (after - b1.toEpochMilli()) / 1000.0 + 0.001, "lag " + lag);
        assertEquals(1.0, value(m, "kpi_feed_tenants_pending"));
        assertEquals(1.0, value(m, "kpi_feed_tenants_failing"));
        assertEquals(3.0, value(m, "kpi_feed_tenants"));

        // b catches up, c's feed is back: a is now furthest behind (a2), nothing pending or failing
        ScriptedFeed.failing("obs-c", false);
        assertEquals(Boolean.FALSE, sync("obs-b", null).get("data.syncRetentionFeed.pending"));
        sync("obs-c", null);
        m = metrics();
        assertEquals((double) a2.getEpochSecond(), value(m, "kpi_feed_applied_timestamp_seconds"), m);
        assertEquals(0.0, value(m, "kpi_feed_tenants_pending"));
        assertEquals(0.0, value(m, "kpi_feed_tenants_failing"));
    }
}
