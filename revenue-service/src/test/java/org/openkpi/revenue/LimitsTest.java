package org.openkpi.revenue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Depth, complexity, token and body-size limits, and codes on graphql-java's own errors. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LimitsTest {

    private static final Gql T = Gql.as("limits");

    static void assertCode(JsonPath r, String code, String messageStart) {
        assertEquals(code, r.get("errors[0].extensions.code"), r::prettify);
        String message = r.get("errors[0].message");
        assertTrue(message.toLowerCase().startsWith(messageStart.toLowerCase()), message);
        assertTrue(r.getList("errors").stream().allMatch(e -> ((Map<?, ?>) e).get("extensions") instanceof Map<?, ?> x
                && x.get("code") != null), () -> "every error has a code: " + r.prettify());
    }

    /** __schema, types, fields, type, then ofType levels, then name: depth = levels + 5. */
    private static String deep(int depth) {
        int ofTypes = depth - 5;
        return "{ __schema { types { fields { type { " + "ofType { ".repeat(ofTypes) + "name" + " }".repeat(ofTypes) + " } } } } }";
    }

    @Test
    void aQueryDeeperThan15IsRefused() {
        T.ok(deep(15));
        assertCode(T.run(deep(16), null), "LIMIT_EXCEEDED", "maximum query depth exceeded");
    }

    @Test
    void aQueryOfMoreThan1000FieldsIsRefused() {
        StringBuilder q = new StringBuilder("{");
        for (int i = 0; i < 501; i++) {
            q.append(" a").append(i).append(": plans { code }");
        }
        assertCode(T.run(q.append(" }").toString(), null), "LIMIT_EXCEEDED", "maximum query complexity exceeded");
    }

    @Test
    void aDocumentOfMoreThan15000TokensIsRefused() {
        String q = "{ plans { " + "code ".repeat(15001) + "} }";
        assertCode(T.run(q, null), "LIMIT_EXCEEDED", "More than 15,000 'grammar' tokens");
        // and a syntax error is a VALIDATION error with its location
        JsonPath broken = T.run("{ plans { code }", null);
        assertCode(broken, "VALIDATION", "Invalid syntax");
        assertEquals(1, (Integer) broken.get("errors[0].locations[0].line"));
    }

    @Test
    void aBodyAbove8MbIsRefusedWith413() {
        String big = "{ plans { code } }" + " ".repeat(9 * 1024 * 1024);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.forTenant("limits")).body(Map.of("query", big))
                .when().post("/graphql").then().statusCode(413);
    }

    @Test
    void unknownEnumValuesAndWrongTypedVariablesAreValidationErrors() {
        String range = "range:{from:\"2024-01-01\",to:\"2024-02-01\"}";
        assertCode(T.run("{ mrrSeries(" + range + ", granularity: FORTNIGHT){ group } }", null), "VALIDATION", "");
        assertCode(T.run("query($g:Granularity!){ mrrSeries(" + range + ", granularity:$g){ group } }", Map.of("g", 42)),
                "VALIDATION", "");
        assertCode(T.run("query($g:Granularity!){ mrrSeries(" + range + ", granularity:$g){ group } }", Map.of("g", "FORTNIGHT")),
                "VALIDATION", "");
        assertCode(T.run("{ planMix(asOf:\"2024-13-45\"){ planCode } }", null), "VALIDATION", "");
        assertCode(T.run("{ plans { nope } }", null), "VALIDATION", "");
        assertCode(T.run("query($n:Int){ changeFeed(first:$n){ endCursor } }", Map.of("n", "many")), "VALIDATION", "");
    }

    @Test
    void theServiceKeepsAnsweringAfterRefusals() {
        T.run("{ plans { " + "code ".repeat(15001) + "} }", null);
        T.run(deep(30), null);
        assertTrue(T.ok("{ plans { code } revenueSettings { timeZone } }").getList("data.plans").isEmpty());
    }
}
