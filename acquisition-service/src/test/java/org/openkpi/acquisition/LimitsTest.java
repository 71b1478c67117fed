package org.openkpi.acquisition;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The GraphQL limits (depth, complexity, tokens, body size) and coded errors for graphql-java's own failures. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class LimitsTest {

    static final Gql T = Gql.as("limits");

    @TestHTTPResource("/graphql")
    URI graphql;

    static void assertCode(String code, JsonPath r) {
        assertEquals(code, r.get("errors[0].extensions.code"), r.prettify());
        assertNull(r.get("data"), r.prettify());
    }

    /** A valid introspection selection nested {@code depth} fields deep. */
    static String nested(int depth) {
        // __type, fields, type, then ofType until the leaf name is field number `depth`
        StringBuilder q = new StringBuilder("{__type(name:\"Query\"){fields{type");
        for (int level = 4; level < depth; level++) {
            q.append("{ofType");
        }
        q.append("{name}");
        return q.append("}".repeat(depth - 2)).append("}").toString();
    }

    static void assertAt(JsonPath r, int index, String field) {
        assertEquals(Integer.valueOf(index), r.get("errors[0].extensions.index") == null ? null : r.getInt("errors[0].extensions.index"),
                r.prettify());
        assertEquals(field, r.get("errors[0].extensions.field"), r.prettify());
    }

    @Test
    void depthComplexityAndTokenLimits() {
        T.ok(nested(15));
        JsonPath deep = T.run(nested(16), null);
        assertCode("LIMIT_EXCEEDED", deep);
        assertTrue(deep.getString("errors[0].message").startsWith("maximum query depth exceeded"), deep.prettify());

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 600; i++) {
            wide.append("a").append(i).append(":acquisitionSettings{timeZone} ");
        }
        JsonPath complex = T.run(wide.append("}").toString(), null);
        assertCode("LIMIT_EXCEEDED", complex);
        assertTrue(complex.getString("errors[0].message").startsWith("maximum query complexity exceeded"), complex.prettify());

        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            many.append("a").append(i).append(":acquisitionSettings{timeZone} ");
        }
        JsonPath tokens = T.run(many.append("}").toString(), null);
        assertCode("LIMIT_EXCEEDED", tokens);
        assertTrue(tokens.getString("errors[0].message").contains("'grammar' tokens"), tokens.prettify());
    }

    @Test
    void aBodyOverEightMegabytesIsRefused() throws Exception {
        String big = "x".repeat(9 * 1024 * 1024);
        String body = "{\"query\":\"{acquisitionSettings{timeZone}}\",\"variables\":{\"pad\":\"" + big + "\"}}";
        // Expect: 100-continue lets the service answer before the client sends the body it refuses
        HttpRequest request = HttpRequest.newBuilder(graphql).expectContinue(true)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Tokens.forTenant("limits"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
    }

    @Test
    void graphqlJavasOwnErrorsCarryACode() {
        // syntax
        JsonPath syntax = T.run("{acquisitionSettings{timeZone}", null);
        assertCode("VALIDATION", syntax);
        assertEquals(1, syntax.getInt("errors[0].locations[0].line"), syntax.prettify());
        // unknown field, unknown enum value (literal and variable), wrong-typed variable, missing required field
        assertCode("VALIDATION", T.run("{acquisitionSettings{nope}}", null));
        assertCode("VALIDATION", T.run("{funnel(range:{from:\"2024-01-01\",to:\"2024-02-01\"},granularity:FORTNIGHT){trials}}", null));
        assertCode("VALIDATION", T.run(Gql.FUNNEL, Map.of("r", Gql.range("2024-01-01", "2024-02-01"), "g", "FORTNIGHT")));
        JsonPath wrongType = T.run(Gql.mutation("counts"), Map.of("x", list(m("date", "2024-01-01", "visitors", 1),
                m("date", "2024-01-02", "visitors", "many"))));
        assertCode("VALIDATION", wrongType);
        assertAt(wrongType, 1, "visitors");
        JsonPath missing = T.run(Gql.mutation("counts"), Map.of("x", list(m("date", "2024-01-01", "visitors", 1), m("visitors", 3))));
        assertCode("VALIDATION", missing);
        assertAt(missing, 1, "date");
        JsonPath literal = T.run("mutation{recordVisitorCounts(counts:[{date:\"2024-01-01\",visitors:1},{date:\"2024-01-01\",visitors:\"x\"}])"
                + "{accepted}}", null);
        assertCode("VALIDATION", literal);
        assertAt(literal, 1, "visitors");
        JsonPath noQuery = given().contentType(ContentType.JSON).auth().oauth2(Tokens.forTenant("limits")).body("{\"variables\":{}}")
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertCode("VALIDATION", noQuery);
        JsonPath notJson = given().contentType(ContentType.JSON).auth().oauth2(Tokens.forTenant("limits")).body("{\"query\":")
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertCode("VALIDATION", notJson);

        // a malformed request without a token is still refused first
        given().contentType(ContentType.JSON).body("{\"query\":\"{\"}").when().post("/graphql").then().statusCode(401);
        // and the service still answers normally
        assertEquals("UTC", T.ok("{acquisitionSettings{timeZone}}").get("data.acquisitionSettings.timeZone"));
    }
}
