package org.openkpi.acquisition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class SmokeTest {

    private static final String SERVICE_INFO = "{\"query\":\"{ acquisitionServiceInfo { service tenant } }\"}";

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
                .body("data.acquisitionServiceInfo.service", equalTo("acquisition-service"))
                .body("data.acquisitionServiceInfo.tenant", equalTo("acme"));
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
                .body(containsString("acquisitionServiceInfo: ServiceInfo!"))
                .body(containsString("service: String!"))
                .body(containsString("tenant: String!"));
    }

    @Test
    void sharedValueTypesAreShareableAndShapedAsInTheConventions() {
        String schema = given().auth().oauth2(Tokens.forTenant("acme"))
                .when().get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString().replaceAll("\"[^\"]*\"\\s*", "");
        org.junit.jupiter.api.Assertions.assertTrue(schema.matches("(?s).*type Duration @shareable \\{\\s*mean: Float\\s*median: Float\\s*p90: Float\\s*unit: String!\\s*}.*"), schema);
        org.junit.jupiter.api.Assertions.assertTrue(schema.matches("(?s).*type Ratio @shareable \\{\\s*denominator: BigDecimal!\\s*numerator: BigDecimal!\\s*reason: String\\s*value: BigDecimal\\s*}.*")
                || schema.matches("(?s).*type Ratio @shareable \\{\\s*value: BigDecimal\\s*numerator: BigDecimal!\\s*denominator: BigDecimal!\\s*reason: String\\s*}.*"), schema);
        org.junit.jupiter.api.Assertions.assertTrue(schema.matches("(?s).*type Money @shareable \\{\\s*(amount: BigDecimal!\\s*currency: String!|currency: String!\\s*amount: BigDecimal!)\\s*}.*"), schema);
        org.junit.jupiter.api.Assertions.assertTrue(schema.matches("(?s).*type Period @shareable \\{\\s*(start: Date!\\s*end: Date!|end: Date!\\s*start: Date!)\\s*}.*"), schema);
    }
}
