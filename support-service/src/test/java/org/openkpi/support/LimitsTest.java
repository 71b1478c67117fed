package org.openkpi.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Query depth, complexity, parser tokens and body size are limited; graphql-java's own errors carry a code. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class LimitsTest {

    static final Gql T = Gql.as("limits");

    static void coded(String code, JsonPath r) {
        assertEquals(code, r.get("errors[0].extensions.code"), r::prettify);
        assertNull(r.get("data"), r::prettify);
        String text = r.prettify();
        assertTrue(!text.contains("java.") && !text.contains("Exception"), () -> "no internals: " + text);
    }

    /** {@code { __schema { types { fields { type { ofType ... } } } } }} nested to the given depth of fields. */
    static String deep(int depth) {
        StringBuilder q = new StringBuilder("{ __schema { types { fields { type");
        for (int d = 5; d < depth; d++) {
            q.append(" { ofType");
        }
        q.append(" { name }");
        for (int d = 5; d < depth; d++) {
            q.append(" }");
        }
        return q.append(" } } } }").toString();
    }

    @Test
    void limitsAreEnforcedWithCodesAndTheServiceKeepsAnswering() {
        // depth: 15 levels pass, 16 do not
        T.ok(deep(15));
        JsonPath tooDeep = T.run(deep(16), null);
        coded("LIMIT_EXCEEDED", tooDeep);
        assertTrue(tooDeep.getString("errors[0].message").startsWith("maximum query depth exceeded"), tooDeep::prettify);

        // complexity: more than 1000 fields by aliases
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 1001; i++) {
            wide.append(" a").append(i).append(": supportServiceInfo { tenant }");
        }
        JsonPath complex = T.run(wide.append(" }").toString(), null);
        coded("LIMIT_EXCEEDED", complex);
        assertTrue(complex.getString("errors[0].message").startsWith("maximum query complexity exceeded"), complex::prettify);

        // parser tokens: more than 15000
        StringBuilder tokens = new StringBuilder("{ supportServiceInfo { tenant");
        for (int i = 0; i < 15000; i++) {
            tokens.append(" tenant");
        }
        JsonPath manyTokens = T.run(tokens.append(" } }").toString(), null);
        coded("LIMIT_EXCEEDED", manyTokens);
        assertTrue(manyTokens.getString("errors[0].message").contains("15,000"), manyTokens::prettify);

        // a malformed query
        JsonPath malformed = T.run("{ supportServiceInfo { tenant ", null);
        coded("VALIDATION", malformed);
        assertEquals(1, malformed.getInt("errors[0].locations[0].line"), malformed::prettify);
        // ... is still refused without a token before anything parses it
        given().contentType(ContentType.JSON).body("{\"query\":\"{ supportServiceInfo { tenant \"}")
                .when().post("/graphql").then().statusCode(401);

        // body size: 9 MB
        String padding = "x".repeat(9 * 1024 * 1024);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.forTenant("limits"))
                .body("{\"query\":\"{ supportServiceInfo { tenant } }\",\"variables\":{\"p\":\"" + padding + "\"}}")
                .when().post("/graphql").then().statusCode(413);

        // an unknown enum value, literal and by variable; a wrong-typed variable; a missing required field
        coded("VALIDATION", T.run("{ firstResponseTime(range:{from:\"2024-01-01\",to:\"2024-02-01\"}, granularity: FORTNIGHT) { tickets } }", null));
        coded("VALIDATION", T.run(Gql.FRT, Map.of("r", Gql.range("2024-01-01", "2024-02-01"), "g", "FORTNIGHT")));
        coded("VALIDATION", T.run(Gql.FRT, Map.of("r", Gql.range("2024-01-01", "2024-02-01"), "g", 7)));
        coded("VALIDATION", T.run(Gql.FRT, Map.of("r", Map.of("from", "2024-01-01"), "g", "MONTH")));
        coded("VALIDATION", T.run("{ supportRiskSignals(first: \"many\") { pageInfo { hasNextPage } } }", null));
        coded("VALIDATION", T.run("{ noSuchField }", null));
        // a scalar where a list of objects is declared (a single object would be a list of one, as GraphQL says)
        coded("VALIDATION", T.run("mutation { recordTeams(teams: \"x\") { accepted } }", null));
        // a string for an Int, which SmallRye's scalar would accept
        JsonPath numberAsText = T.run("query($f:Int){ supportRiskSignals(first:$f){ pageInfo { hasNextPage } } }", Map.of("f", "5"));
        coded("VALIDATION", numberAsText);
        assertEquals("f", numberAsText.get("errors[0].extensions.field"));

        // and the service still answers
        assertEquals("limits", T.ok("{ supportServiceInfo { tenant } }").get("data.supportServiceInfo.tenant"));
    }
}
