package org.openkpi.gateway.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkpi.gateway.EmbeddedPostgresResource;
import org.openkpi.gateway.FakeSubgraphs;
import org.openkpi.gateway.Tokens;
import org.openkpi.gateway.api.ChurnRiskApi;
import org.openkpi.gateway.api.ScorecardApi;
import org.openkpi.gateway.api.ServiceInfoApi;
import org.openkpi.gateway.api.TargetsApi;
import org.openkpi.gateway.api.UnitEconomicsApi;
import org.openkpi.gateway.api.security.RequiresRole;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The gateway's roles, request limits, error codes and the isolation of its own data (targets, alert rules). The
 * services' operations are forwarded with the caller's token and checked by their owners (their own tests, and the
 * end-to-end and Keycloak tests in deploy); here a stand-in service shows their refusals pass through unchanged.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeSubgraphs.class)
class GatewaySecurityTest {

    private static final String VIEWER = "kpi-viewer";
    private static final String WRITER = "kpi-writer";
    private static final String ADMIN = "kpi-admin";
    private static final String SET_TARGETS = """
            mutation { setTargets(targets: [{kpi: NRR, frequency: MONTHLY, effectiveFrom: "2026-01-01", value: 1.05,
              direction: AT_LEAST}]) { kpi } }""";
    private static final String RANGE = "range: {from: \"2026-01-01\", to: \"2026-03-01\"}, granularity: MONTH";

    @BeforeEach
    void reset() {
        FakeSubgraphs.reset();
    }

    @Test
    void everyOperationOfTheGatewayDeclaresItsRole() {
        List<String> undeclared = new ArrayList<>();
        int operations = 0;
        for (Class<?> api : List.of(ChurnRiskApi.class, ScorecardApi.class, ServiceInfoApi.class, TargetsApi.class,
                UnitEconomicsApi.class)) {
            for (Method method : api.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Query.class) || method.isAnnotationPresent(Mutation.class)) {
                    operations++;
                    RequiresRole role = method.getAnnotation(RequiresRole.class);
                    if (role == null || role.value().length == 0) {
                        undeclared.add(api.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertEquals(10, operations);
        assertEquals(List.of(), undeclared);
    }

    @Test
    void aMissingRoleIsForbiddenAndChangesNothing() {
        String admin = Tokens.forTenant("roles-t", ADMIN);
        String viewer = Tokens.forTenant("roles-t", VIEWER);
        String writer = Tokens.forTenant("roles-t", WRITER);

        assertForbidden(post(viewer, SET_TARGETS), "kpi-admin");
        assertForbidden(post(writer, SET_TARGETS), "kpi-admin");
        assertForbidden(post(viewer, "mutation { setAlertRules(rules: [{externalId: \"r1\", kpi: NRR, frequency: MONTHLY, "
                + "comparison: LT, threshold: 1}]) { accepted } }"), "kpi-admin");
        assertEquals(List.of(), post(viewer, "{ targets { kpi } alertRules { externalId } }").getList("data.targets"),
                "nothing was written");

        assertNull(post(admin, SET_TARGETS).get("errors"));
        assertForbidden(post(viewer, "mutation { deleteTarget(kpi: NRR, frequency: MONTHLY, effectiveFrom: \"2026-01-01\") }"),
                "kpi-admin");
        assertEquals(1, post(viewer, "{ targets { kpi } }").getList("data.targets").size(), "the target is still there");

        assertForbidden(post(writer, "{ targets { kpi } }"), "kpi-viewer");
        assertForbidden(post(admin, "{ unitEconomics(" + RANGE + ") { period { start } } }"), "kpi-viewer");
        assertForbidden(post(writer, "{ scorecard { entries { kpi } } }"), "kpi-viewer");
        assertForbidden(post(writer, "{ churnRisk(asOf: \"2026-03-01\") { customers { customerId } } }"), "kpi-viewer");
        assertNull(FakeSubgraphs.RECEIVED.get("revenue"), "a refused KPI asks no service");

        assertEquals("roles-t", post(writer, "{ serviceInfo { tenant } }").getString("data.serviceInfo.tenant"));
        assertForbidden(post(Tokens.forTenant("roles-t", "some-other-role"), "{ serviceInfo { tenant } }"),
                "kpi-viewer or kpi-writer or kpi-admin");
    }

    @Test
    void aServicesRefusalPassesThroughWithItsCode() {
        FakeSubgraphs.ANSWERS.put("revenue", body -> """
                {"data":{"recordPlans":null},"errors":[{"message":"requires role kpi-writer","path":["recordPlans"],
                  "extensions":{"code":"FORBIDDEN"}}]}""");
        JsonPath answer = post(Tokens.forTenant("acme", VIEWER), """
                mutation { recordPlans(plans: [{code: "pro", name: "Pro", currency: "USD", price: 1, intervalMonths: 1}]) { accepted } }""");
        assertEquals("FORBIDDEN", answer.getString("errors[0].extensions.code"));
        assertEquals("revenue", answer.getString("errors[0].extensions.service"));
        assertEquals("requires role kpi-writer", answer.getString("errors[0].message"));
    }

    @Test
    void queriesOverTheLimitsAreRefusedWithLimitExceeded() {
        String token = Tokens.forTenant("limits-t");
        StringBuilder nested = new StringBuilder("query { __schema { types { fields { type ");
        for (int i = 0; i < 12; i++) {
            nested.append("{ ofType ");
        }
        nested.append("{ name }").append(" }".repeat(12)).append(" } } } }");
        assertLimit(post(token, nested.toString()), "maximum query depth exceeded");

        StringBuilder wide = new StringBuilder("{ serviceInfo { ");
        wide.append("service tenant ".repeat(501)).append("} }");
        assertLimit(post(token, wide.toString()), "maximum query complexity exceeded");

        StringBuilder aliases = new StringBuilder("{ ");
        for (int i = 0; i <= 100; i++) {
            aliases.append("a").append(i).append(": plans { code } ");
        }
        assertLimit(post(token, aliases.append('}').toString()), "101 aliases, at most 100");
        assertNull(FakeSubgraphs.RECEIVED.get("revenue"), "a refused document reaches no service");

        String tokens = "{ serviceInfo { " + "service ".repeat(15_001) + "} }";
        assertLimit(post(token, tokens), "'grammar' tokens have been presented");

        given().auth().oauth2(token).contentType("application/json")
                .body("{\"query\":\"{ serviceInfo { service } }\",\"variables\":{\"pad\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}}")
                .when().post("/graphql").then().statusCode(413);

        given().contentType("application/json").body(Map.of("query", "{ serviceInfo { service "))
                .when().post("/graphql").then().statusCode(401);
        assertEquals("gateway", post(token, "{ serviceInfo { service } }").getString("data.serviceInfo.service"),
                "the gateway keeps serving");
    }

    @Test
    void badInputGetsAValidationCode() {
        String token = Tokens.forTenant("bad-input-t");
        JsonPath unknownEnum = post(token, "{ scorecard(frequency: HOURLY) { entries { kpi } } }");
        assertEquals("VALIDATION", unknownEnum.getString("errors[0].extensions.code"));
        JsonPath syntax = post(token, "{ scorecard( { entries } }");
        assertEquals("VALIDATION", syntax.getString("errors[0].extensions.code"));
        JsonPath rawDocument = JsonPath.from(given().auth().oauth2(token).contentType("application/graphql")
                .body("{ scorecard( { entries } }".getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/graphql").then()
                .statusCode(200).extract().asString());
        assertEquals("VALIDATION", rawDocument.getString("errors[0].extensions.code"), "a document sent as application/graphql");
        JsonPath wrongType = post(token, "mutation m($t: [TargetInput!]!) { setTargets(targets: $t) { kpi } }",
                Map.of("t", List.of(Map.of("kpi", "NRR", "frequency", "MONTHLY", "effectiveFrom", "2026-01-01",
                        "value", "a lot", "direction", "AT_LEAST"))), "m");
        assertEquals("VALIDATION", wrongType.getString("errors[0].extensions.code"), wrongType.prettify());

        String admin = Tokens.forTenant("bad-input-t", ADMIN, VIEWER);
        JsonPath absurd = post(admin, "mutation { setTargets(targets: [{kpi: NRR, frequency: MONTHLY, effectiveFrom: \"2026-01-01\", "
                + "value: 1, direction: AT_LEAST}, {kpi: CAC, frequency: MONTHLY, effectiveFrom: \"2026-01-01\", "
                + "value: 1e20, direction: AT_MOST}]) { kpi } }");
        assertEquals("VALIDATION", absurd.getString("errors[0].extensions.code"));
        assertEquals(1, absurd.getInt("errors[0].extensions.index"));
        assertEquals("value", absurd.getString("errors[0].extensions.field"));
        JsonPath outOfRange = post(admin, "mutation { setTargets(targets: [{kpi: NRR, frequency: MONTHLY, effectiveFrom: \"9999-01-01\", "
                + "value: 1, direction: AT_LEAST}]) { kpi } }");
        assertEquals("effectiveFrom", outOfRange.getString("errors[0].extensions.field"));
        JsonPath huge = post(admin, "mutation($d: String!) { deleteTarget(kpi: NRR, frequency: MONTHLY, effectiveFrom: $d) }",
                Map.of("d", "x".repeat(1_000_000)), null);
        assertEquals("VALIDATION", huge.getString("errors[0].extensions.code"));
        assertTrue(huge.getString("errors[0].message").length() < 200, "a huge input is not echoed back");
        JsonPath nul = post(admin, "mutation($r: [AlertRuleInput!]!) { setAlertRules(rules: $r) { accepted } }",
                Map.of("r", List.of(Map.of("externalId", "bad\u0000id", "kpi", "NRR", "frequency", "MONTHLY",
                        "comparison", "LT", "threshold", 1))), null);
        assertEquals("VALIDATION", nul.getString("errors[0].extensions.code"));
        assertEquals(0, nul.getInt("errors[0].extensions.index"));
        String script = "<script>alert(1)</script>'); DROP TABLE kpi_targets; --";
        assertNull(post(admin, "mutation($r: [AlertRuleInput!]!) { setAlertRules(rules: $r) { accepted } }",
                Map.of("r", List.of(Map.of("externalId", script, "kpi", "NRR", "frequency", "MONTHLY",
                        "comparison", "LT", "threshold", 1))), null).get("errors"));
        JsonPath stored = post(admin, "{ alertRules { externalId } targets { kpi } }");
        assertEquals(List.of(script), stored.getList("data.alertRules.externalId"), "stored and returned verbatim");
        assertEquals(List.of(), stored.getList("data.targets"), "nothing of the refused batches was written");
        for (JsonPath error : List.of(unknownEnum, syntax, wrongType, absurd, huge, nul)) {
            String message = error.getString("errors[0].message");
            assertFalse(message.contains("Exception") || message.contains("java.") || message.contains("SQL"), message);
        }
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheTargetsAndRules() {
        String a = Tokens.forTenant("iso-a");
        String b = Tokens.forTenant("iso-b");
        assertNull(post(a, SET_TARGETS).get("errors"));
        assertNull(post(a, "mutation { setAlertRules(rules: [{externalId: \"r1\", kpi: NRR, frequency: MONTHLY, comparison: LT, "
                + "threshold: 1}]) { accepted } }").get("errors"));

        JsonPath seenByB = post(b, "{ targets { kpi } alertRules { externalId } }");
        assertEquals(List.of(), seenByB.getList("data.targets"));
        assertEquals(List.of(), seenByB.getList("data.alertRules"));
        assertFalse(post(b, "mutation { deleteTarget(kpi: NRR, frequency: MONTHLY, effectiveFrom: \"2026-01-01\") }")
                .getBoolean("data.deleteTarget"));
        assertFalse(post(b, "mutation { deleteAlertRule(externalId: \"r1\") }").getBoolean("data.deleteAlertRule"));
        assertEquals(1, post(b, "mutation { setAlertRules(rules: [{externalId: \"r1\", kpi: CAC, frequency: WEEKLY, comparison: GT, "
                + "threshold: 500}]) { accepted } }").getInt("data.setAlertRules.accepted"), "B's r1 is B's own, new");

        JsonPath seenByA = post(a, "{ targets { kpi value } alertRules { externalId kpi threshold } }");
        assertEquals(List.of("NRR"), seenByA.getList("data.targets.kpi"));
        assertEquals("NRR", seenByA.getString("data.alertRules[0].kpi"));
        assertEquals(1, seenByA.getInt("data.alertRules[0].threshold"));
    }

    private static void assertForbidden(JsonPath answer, String roles) {
        assertEquals("FORBIDDEN", answer.getString("errors[0].extensions.code"), answer.prettify());
        assertEquals("requires role " + roles, answer.getString("errors[0].message"));
    }

    private static void assertLimit(JsonPath answer, String message) {
        assertEquals("LIMIT_EXCEEDED", answer.getString("errors[0].extensions.code"), answer.prettify());
        assertTrue(answer.getString("errors[0].message").contains(message), answer.getString("errors[0].message"));
    }

    private static JsonPath post(String token, String query) {
        return post(token, query, Map.of(), null);
    }

    private static JsonPath post(String token, String query, Map<String, Object> variables, String operation) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        if (operation != null) {
            body.put("operationName", operation);
        }
        return JsonPath.from(given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/graphql").then().statusCode(200).extract().asString());
    }
}
