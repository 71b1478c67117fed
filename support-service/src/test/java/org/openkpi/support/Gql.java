package org.openkpi.support;

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

    // ---- ingestion -----------------------------------------------------------------------------

    public static final String TEAMS = "mutation($x:[TeamInput!]!){recordTeams(teams:$x){accepted unchanged replaced}}";
    public static final String AGENTS = "mutation($x:[AgentInput!]!){recordAgents(agents:$x){accepted unchanged replaced}}";
    public static final String TICKETS = "mutation($x:[TicketInput!]!){recordTickets(tickets:$x){accepted unchanged replaced}}";
    public static final String EVENTS = "mutation($x:[TicketEventInput!]!){recordTicketEvents(events:$x){accepted unchanged replaced}}";
    public static final String CSAT = "mutation($x:[CsatResponseInput!]!){recordCsatResponses(responses:$x){accepted unchanged replaced}}";
    public static final String SETTINGS = "mutation($s:SupportSettingsInput!){updateSupportSettings(settings:$s){timeZone}}";

    public JsonPath teams(List<Map<String, Object>> x) {
        return ok(TEAMS, Map.of("x", x));
    }

    public JsonPath agents(List<Map<String, Object>> x) {
        return ok(AGENTS, Map.of("x", x));
    }

    public JsonPath tickets(List<Map<String, Object>> x) {
        return ok(TICKETS, Map.of("x", x));
    }

    public JsonPath events(List<Map<String, Object>> x) {
        return ok(EVENTS, Map.of("x", x));
    }

    public JsonPath csat(List<Map<String, Object>> x) {
        return ok(CSAT, Map.of("x", x));
    }

    public JsonPath settings(Map<String, Object> s) {
        return ok(SETTINGS, Map.of("s", s));
    }

    /** Business hours: every weekday in the list gets the same blocks ("09:00-12:00", "13:00-18:00", ...). */
    public static List<Map<String, Object>> week(List<String> weekdays, String... blocks) {
        List<Map<String, Object>> days = new ArrayList<>();
        for (String d : weekdays) {
            List<Map<String, Object>> b = new ArrayList<>();
            for (String block : blocks) {
                String[] se = block.split("-");
                b.add(Map.of("start", se[0], "end", se[1]));
            }
            days.add(Map.of("weekday", d, "blocks", b));
        }
        return days;
    }

    public static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
    public static final List<String> ALL_DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    public static Map<String, Object> agent(String id, String team) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("name", "Agent " + id);
        m.put("teamId", team);
        return m;
    }

    public static Map<String, Object> ticket(String id, String customer, String channel, String priority, String createdAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("customerId", customer);
        m.put("channel", channel);
        m.put("priority", priority);
        m.put("createdAt", createdAt);
        return m;
    }

    public static Map<String, Object> agentTicket(String id, String customer, String createdAt, String agent) {
        Map<String, Object> m = ticket(id, customer, "email", "normal", createdAt);
        m.put("openedBy", "AGENT");
        m.put("openedByAgentId", agent);
        return m;
    }

    public static Map<String, Object> event(String id, String ticket, String type, String at, String agent) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("ticketId", ticket);
        m.put("type", type);
        m.put("at", at);
        m.put("agentId", agent);
        return m;
    }

    public static Map<String, Object> csat(String id, String ticket, int rating, String at) {
        return Map.of("externalId", id, "ticketId", ticket, "rating", rating, "respondedAt", at);
    }

    @SafeVarargs
    public static <T> List<T> list(T... items) {
        return new ArrayList<>(List.of(items));
    }

    public static Map<String, Object> range(String from, String to) {
        return Map.of("from", from, "to", to);
    }

    public static final String FRT = """
            query($r:DateRangeInput!,$g:Granularity!,$f:SupportFilterInput,$by:SupportDimension){
              firstResponseTime(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group tickets calendarHours{mean median p90 unit} businessHours{mean median p90 unit}
              }
            }""";

    public static final String RES = """
            query($r:DateRangeInput!,$g:Granularity!,$f:SupportFilterInput,$by:SupportDimension,$k:ResolutionKind){
              resolutionTime(range:$r,granularity:$g,filter:$f,groupBy:$by,resolution:$k){
                period{start end} group tickets calendarHours{mean median p90 unit} businessHours{mean median p90 unit}
              }
            }""";

    public static final String SERIES = """
            query($r:DateRangeInput!,$g:Granularity!,$f:SupportFilterInput,$by:SupportDimension){
              supportSeries(range:$r,granularity:$g,filter:$f,groupBy:$by){
                period{start end} group ticketsCreated ticketsResolved
                csat{value numerator denominator reason}
                automationResolutionRate{value numerator denominator reason}
                oneTouchResolutionRate{value numerator denominator reason}
                followUpsPerTicket{value numerator denominator reason}
                slaBreachRate{value numerator denominator reason}
                firstResponseBreachRate{value numerator denominator}
                resolutionBreachRate{value numerator denominator}
              }
            }""";

    public static Map<String, Object> vars(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
