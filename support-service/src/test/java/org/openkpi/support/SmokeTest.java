package org.openkpi.support;

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
class SmokeTest {

    private static final String SERVICE_INFO = "{\"query\":\"{ supportServiceInfo { service tenant } }\"}";

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
                .body("data.supportServiceInfo.service", equalTo("support-service"))
                .body("data.supportServiceInfo.tenant", equalTo("acme"));
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
                .body(containsString("supportServiceInfo: ServiceInfo!"))
                .body(containsString("service: String!"))
                .body(containsString("tenant: String!"));
    }
}
