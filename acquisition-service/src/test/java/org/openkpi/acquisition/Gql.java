package org.openkpi.acquisition;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
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
    final String tenant;

    private Gql(String tenant, String token) {
        this.tenant = tenant;
        this.token = token;
    }

    /** A user of the tenant holding every user role (kpi-viewer, kpi-writer, kpi-admin). */
    public static Gql as(String tenant) {
        return new Gql(tenant, Tokens.forTenant(tenant));
    }

    /** A user of the tenant holding exactly these roles. */
    public static Gql as(String tenant, String... roles) {
        return new Gql(tenant, Tokens.forTenant(tenant, roles));
    }

    /** A caller with any token (tenant names the tenant the tests mean, if any). */
    public static Gql withToken(String tenant, String token) {
        return new Gql(tenant, token);
    }

    public JsonPath run(String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body)
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

    // ---- ingestion -------------------------------------------------------------------------------

    static final Map<String, String> MUTATIONS = Map.of(
            "counts", "recordVisitorCounts(counts:$x)|[VisitorCountInput!]!",
            "visits", "recordVisits(visits:$x)|[VisitInput!]!",
            "trials", "recordTrials(trials:$x)|[TrialInput!]!",
            "leads", "recordLeads(leads:$x)|[LeadInput!]!",
            "stages", "recordPipelineStages(stages:$x)|[PipelineStageInput!]!",
            "deals", "recordDeals(deals:$x)|[DealInput!]!",
            "campaigns", "recordCampaigns(campaigns:$x)|[CampaignInput!]!",
            "spend", "recordSpend(spend:$x)|[SpendInput!]!",
            "email", "recordEmailListActivity(activity:$x)|[EmailListActivityInput!]!",
            "fx", "recordAcquisitionFxRates(rates:$x)|[FxRateInput!]!");

    public static String mutation(String kind) {
        String[] m = MUTATIONS.get(kind).split("\\|");
        return "mutation($x:" + m[1] + "){" + m[0] + "{accepted unchanged replaced}}";
    }

    /** Records facts of a kind (see MUTATIONS) and fails on errors. */
    public JsonPath record(String kind, List<Map<String, Object>> facts) {
        return ok(mutation(kind), Map.of("x", facts));
    }

    public JsonPath recordRaw(String kind, List<Map<String, Object>> facts) {
        return run(mutation(kind), Map.of("x", facts));
    }

    public JsonPath sync() {
        return ok("mutation{syncAcquisitionFeed(maxPages:10000){cursor entriesApplied appliedNow pending lastError lagSeconds}}");
    }

    /** Key/value pairs to a map (null values kept). */
    public static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SafeVarargs
    public static <T> List<T> list(T... items) {
        return new ArrayList<>(List.of(items));
    }

    public static Map<String, Object> range(String from, String to) {
        return Map.of("from", from, "to", to);
    }

    static void assertAmount(String expected, Object actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())),
                () -> "expected " + expected + " but was " + actual);
    }

    public static final String FUNNEL = """
            query($r:DateRangeInput!,$g:Granularity!,$f:AcquisitionFilterInput,$by:AcquisitionDimension){
              funnel(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group visitors trials convertedTrials newPayingCustomers
                visitorToTrialRate{value numerator denominator reason} trialToPaidRate{value numerator denominator reason}
                trialToPaidPeriodView{value numerator denominator reason} conversionWindowDays cohortComplete
              }
            }""";

    public static final String COST = """
            query($r:DateRangeInput!,$g:Granularity!,$f:AcquisitionFilterInput,$by:AcquisitionDimension){
              acquisitionCost(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group adSpend{amount currency} salaries{amount} tools{amount} overhead{amount}
                blendedSpend{amount} fullyLoadedSpend{amount} newPayingCustomers paidChannelCustomers
                cac{value numerator denominator reason} paidCac{value numerator denominator reason}
                fullyLoadedCac{value numerator denominator reason} visitors visitorAcquisitionCost{value reason}
                leads costPerLead{value reason}
              }
            }""";

    public static final String DEALS = """
            query($r:DateRangeInput!,$g:Granularity!,$f:AcquisitionFilterInput,$by:AcquisitionDimension){
              dealMetrics(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group dealsWon dealsLost amountWon{amount currency}
                winRate{value numerator denominator reason} averageDealSize{value numerator denominator reason}
                salesCycle{mean median p90 unit}
              }
            }""";
}
