package org.openkpi.revenue;

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
    private final Map<String, String> headers;

    private Gql(String token, Map<String, String> headers) {
        this.token = token;
        this.headers = headers;
    }

    /** A user of the tenant holding every user role. */
    public static Gql as(String tenant) {
        return new Gql(Tokens.forTenant(tenant), Map.of());
    }

    /** A user of the tenant holding exactly these roles. */
    public static Gql as(String tenant, String... roles) {
        return new Gql(Tokens.forTenant(tenant, roles), Map.of());
    }

    /** Any token, with extra HTTP headers. */
    public static Gql withToken(String token, Map<String, String> headers) {
        return new Gql(token, headers);
    }

    public JsonPath run(String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        return given().contentType(ContentType.JSON).auth().oauth2(token).headers(headers).body(body)
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

    // ---- ingestion shortcuts -------------------------------------------------------------

    public JsonPath plans(List<Map<String, Object>> plans) {
        return ok("mutation($p:[PlanInput!]!){recordPlans(plans:$p){accepted unchanged replaced}}", Map.of("p", plans));
    }

    public JsonPath customers(List<Map<String, Object>> customers) {
        return ok("mutation($c:[CustomerInput!]!){recordCustomers(customers:$c){accepted unchanged replaced}}",
                Map.of("c", customers));
    }

    public JsonPath events(List<Map<String, Object>> events) {
        return ok(EVENTS, Map.of("e", events));
    }

    public static final String EVENTS =
            "mutation($e:[SubscriptionEventInput!]!){recordSubscriptionEvents(events:$e){accepted unchanged replaced}}";

    public static Map<String, Object> plan(String code, String price, String currency, int interval) {
        return Map.of("code", code, "name", "Plan " + code, "price", price, "currency", currency, "intervalMonths", interval);
    }

    public static Map<String, Object> customer(String id, String country, String segment, String channel) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("name", "Customer " + id);
        m.put("country", country);
        m.put("segment", segment);
        m.put("channel", channel);
        return m;
    }

    /** An event: id, customer, subscription, type, instant, then key/value pairs of optional fields. */
    public static Map<String, Object> event(String id, String customer, String subscription, String type, String at,
            Object... more) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("customerId", customer);
        m.put("subscriptionId", subscription);
        m.put("type", type);
        m.put("effectiveAt", at);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    public static <T> List<T> list(T... items) {
        return new ArrayList<>(List.of(items));
    }

    public static final String SERIES = """
            query($r:DateRangeInput!,$g:Granularity!,$f:RevenueFilterInput,$by:RevenueDimension){
              mrrSeries(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group mrrStart{amount currency} mrrEnd{amount} arr{amount}
                payingCustomersStart payingCustomersEnd newMrr{amount} expansionMrr{amount} contractionMrr{amount}
                churnMrr{amount} reactivationMrr{amount} netNewMrr{amount} newCustomers reactivatedCustomers churnedCustomers
                growthRate{value numerator denominator reason} quickRatio{value reason} arpa{value numerator reason} asp{value reason}
              }
            }""";

    public static Map<String, Object> range(String from, String to) {
        return Map.of("from", from, "to", to);
    }
}
