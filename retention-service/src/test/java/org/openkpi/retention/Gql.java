package org.openkpi.retention;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** Runs GraphQL operations against the service over HTTP, as a front end would. */
public final class Gql {

    private final String token;

    private Gql(String token) {
        this.token = token;
    }

    public static Gql as(String tenant) {
        return new Gql(Tokens.forTenant(tenant));
    }

    /** A caller of the tenant holding exactly these roles. */
    public static Gql as(String tenant, String... roles) {
        return new Gql(Tokens.forTenant(tenant, roles));
    }

    /** A caller with this raw bearer token. */
    public static Gql withToken(String token) {
        return new Gql(token);
    }

    public JsonPath run(String query, Map<String, Object> variables) {
        FakeRevenue.flush();
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        // serialised with jakarta.json: far faster than RestAssured's Groovy serialiser for big batches and long strings
        String json = jakarta.json.Json.createObjectBuilder(body).build().toString();
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(json)
                .when().post("/graphql")
                .then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** Runs and fails on any GraphQL error. */
    public JsonPath ok(String query, Map<String, Object> variables) {
        JsonPath r = run(query, variables);
        List<?> errors = r.getList("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new AssertionError("GraphQL errors: " + r.prettify());
        }
        return r;
    }

    public JsonPath ok(String query) {
        return ok(query, null);
    }

    public static Map<String, Object> range(String from, String to) {
        return Map.of("from", from, "to", to);
    }

    @SafeVarargs
    public static <T> List<T> list(T... items) {
        return new ArrayList<>(List.of(items));
    }

    public static final String SERIES = """
            query($r:DateRangeInput!,$g:Granularity!,$f:RetentionFilterInput,$by:RetentionDimension){
              retentionSeries(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group payingCustomersStart mrrStart{amount currency} churnedCustomers
                expansionMrr{amount} contractionMrr{amount} churnMrr{amount}
                logoChurnRate{value numerator denominator reason} grossMrrChurnRate{value numerator denominator reason}
                nrr{value numerator denominator reason} grr{value numerator denominator reason}
              }
            }""";

    /** Syncs the change feed until nothing is pending (the tests read one page per sync). */
    public JsonPath syncAll() {
        for (int i = 0; i < 1000; i++) {
            JsonPath r = ok("mutation { syncRetentionFeed { cursor pending lastError entriesApplied } }");
            if (r.get("data.syncRetentionFeed.lastError") != null) {
                throw new AssertionError("feed error: " + r.prettify());
            }
            if (!(Boolean) r.get("data.syncRetentionFeed.pending")) {
                return r;
            }
        }
        throw new AssertionError("feed never caught up");
    }

    public JsonPath series(String from, String to, String granularity) {
        return ok(SERIES, Map.of("r", range(from, to), "g", granularity));
    }
}
