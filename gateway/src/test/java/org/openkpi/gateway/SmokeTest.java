package org.openkpi.gateway;

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

    private static final String SERVICE_INFO = "{\"query\":\"{ serviceInfo { service tenant } }\"}";

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
                .body("data.serviceInfo.service", equalTo("gateway"))
                .body("data.serviceInfo.tenant", equalTo("acme"));
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
                .body(containsString("serviceInfo: ServiceInfo!"))
                .body(containsString("service: String!"))
                .body(containsString("tenant: String!"));
    }

    @Test
    void schemaServesTheServicesFieldsBesideTheGatewaysOwnWithOneTypePerName() {
        String schema = given().auth().oauth2(Tokens.forTenant("acme"))
                .when().get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString();
        for (String field : new String[] {"mrrSeries(", "funnel(", "retentionSeries(", "firstResponseTime(", "customer(id: ID!): Customer",
                "unitEconomics(", "scorecard(", "churnRisk(", "recordSubscriptionEvents(", "setTargets(targets: [TargetInput!]!)",
                "setAlertRules(rules: [AlertRuleInput!]!)"}) {
            org.junit.jupiter.api.Assertions.assertTrue(schema.contains(field), field);
        }
        org.junit.jupiter.api.Assertions.assertFalse(schema.contains("InputInput"), "one input type per name");
        org.junit.jupiter.api.Assertions.assertFalse(schema.contains("_entities"), "federation plumbing stays inside");
        org.junit.jupiter.api.Assertions.assertTrue(schema.contains("unitEconomics(churnWindowMonths: Int = 6, granularity: Granularity!, range: DateRangeInput!)")
                || schema.contains("range: DateRangeInput!"), "the gateway's own arguments use the shared input type");
    }
}
