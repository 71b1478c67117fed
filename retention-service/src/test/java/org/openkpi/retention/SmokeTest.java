package org.openkpi.retention;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class SmokeTest {

    private static final String SERVICE_INFO = "{\"query\":\"{ retentionServiceInfo { service tenant } }\"}";

    @Test
    void readinessIsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void serviceInfoNamesTheServiceAndTheCallersTenant() {
        given().auth().oauth2(Tokens.forTenant("acme"))
                .contentType(ContentType.JSON).body(SERVICE_INFO)
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.retentionServiceInfo.service", equalTo("retention-service"))
                .body("data.retentionServiceInfo.tenant", equalTo("acme"));
    }

    @Test
    void graphqlWithoutTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(SERVICE_INFO)
                .when().post("/graphql")
                .then().statusCode(401);
    }

    @Test
    void tokenWithoutTenantClaimIsRefused() {
        given().auth().oauth2(Tokens.withoutTenant())
                .contentType(ContentType.JSON).body(SERVICE_INFO)
                .when().post("/graphql")
                .then().statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void schemaDeclaresServiceInfo() {
        given().auth().oauth2(Tokens.forTenant("acme"))
                .when().get("/graphql/schema.graphql")
                .then().statusCode(200)
                .body(containsString("retentionServiceInfo: ServiceInfo!"))
                .body(containsString("service: String!"))
                .body(containsString("tenant: String!"));
    }

    /** The fields of a type in the SDL, descriptions dropped, sorted, joined by "; ". */
    static String fields(String schema, String header) {
        int start = schema.indexOf(header + " {");
        org.junit.jupiter.api.Assertions.assertTrue(start >= 0, "no '" + header + "' in the schema");
        String body = schema.substring(start + header.length() + 2, schema.indexOf('}', start));
        return java.util.Arrays.stream(body.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("\""))
                .sorted().collect(java.util.stream.Collectors.joining("; "));
    }

    @Test
    void sharedValueTypesAreIdenticalToTheConventions() {
        String schema = given().auth().oauth2(Tokens.forTenant("acme")).when().get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals("mean: Float; median: Float; p90: Float; unit: String!",
                fields(schema, "type Duration @shareable"));
        org.junit.jupiter.api.Assertions.assertEquals("denominator: BigDecimal!; numerator: BigDecimal!; reason: String; value: BigDecimal",
                fields(schema, "type Ratio @shareable"));
        org.junit.jupiter.api.Assertions.assertEquals("amount: BigDecimal!; currency: String!", fields(schema, "type Money @shareable"));
        org.junit.jupiter.api.Assertions.assertEquals("end: Date!; start: Date!", fields(schema, "type Period @shareable"));
        org.junit.jupiter.api.Assertions.assertEquals("from: Date!; to: Date!", fields(schema, "input DateRangeInput"));
        org.junit.jupiter.api.Assertions.assertEquals("DAY; MONTH; QUARTER; WEEK; YEAR", fields(schema, "enum Granularity"));
    }
}
