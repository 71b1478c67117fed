package org.openkpi.revenue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/** A tenant never sees or changes another tenant's data, even with guessed ids. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TenantIsolationTest {

    @Test
    void anotherTenantSeesNothingAndCannotTouchIt() {
        Gql a = Gql.as("iso-a");
        a.plans(list(plan("pro", "100", "USD", 1)));
        a.customers(list(customer("c1", "US", "SMB", "ads")));
        a.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "pro")));

        Gql b = Gql.as("iso-b");
        JsonPath series = b.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH"));
        assertAmount("0", series.get("data.mrrSeries[0].mrrEnd.amount"));
        assertEquals(0, (Integer) series.get("data.mrrSeries[0].payingCustomersEnd"));
        assertTrue(b.ok("{ plans { code } }").getList("data.plans").isEmpty());
        assertTrue(b.ok(Gql.SERIES, Map.of("r", range("2024-01-01", "2024-02-01"), "g", "MONTH", "by", "PLAN"))
                .getList("data.mrrSeries").isEmpty(), "a grouped series of nothing has no groups");
        assertTrue(b.ok("{ changeFeed { entries { cursor } } }").getList("data.changeFeed.entries").isEmpty());
        assertTrue(b.ok("{ changeFeed(after:\"0\") { entries { cursor } } }").getList("data.changeFeed.entries").isEmpty());
        assertTrue(b.ok("{ mrrMovements(range:{from:\"2000-01-01\",to:\"2100-01-01\"}, customerId:\"c1\"){ edges{ cursor } } }")
                .getList("data.mrrMovements.edges").isEmpty());
        assertTrue(b.ok("{ planMix(asOf:\"2024-12-31\"){ planCode } }").getList("data.planMix").isEmpty());
        JsonPath guessed = b.run("{ customerMrrHistory(customerId:\"c1\"){ mrr{amount} } }", null);
        assertEquals("NOT_FOUND", guessed.get("errors[0].extensions.code"));

        // B cannot attach events to A's customer, nor use A's plan
        JsonPath foreignCustomer = b.run(Gql.EVENTS, Map.of("e", list(event("e1", "c1", "s1", "CANCELLED", "2024-02-01T00:00:00Z"))));
        assertEquals("VALIDATION", foreignCustomer.get("errors[0].extensions.code"));
        assertEquals("customerId", foreignCustomer.get("errors[0].extensions.field"));
        b.customers(list(customer("c1", "FR", null, null)));
        JsonPath foreignPlan = b.run(Gql.EVENTS, Map.of("e", list(event("e1", "c1", "s1", "STARTED", "2024-02-01T00:00:00Z", "planCode", "pro"))));
        assertEquals("planCode", foreignPlan.get("errors[0].extensions.field"));
        // the same external ids in B are B's own facts
        b.plans(list(plan("pro", "999", "USD", 1)));
        b.events(list(event("e1", "c1", "s1", "STARTED", "2024-02-01T00:00:00Z", "planCode", "pro")));

        JsonPath aAfter = a.ok("{ customerMrrHistory(customerId:\"c1\"){ mrr{amount} country movements{kind day} } }");
        assertAmount("100", aAfter.get("data.customerMrrHistory.mrr.amount"));
        assertEquals("US", aAfter.get("data.customerMrrHistory.country"));
        assertEquals(1, aAfter.getList("data.customerMrrHistory.movements").size());
        assertEquals(1, a.ok("{ changeFeed { entries { cursor } } }").getList("data.changeFeed.entries").size());
        JsonPath bAfter = b.ok("{ customerMrrHistory(customerId:\"c1\"){ mrr{amount} } }");
        assertAmount("999", bAfter.get("data.customerMrrHistory.mrr.amount"));
    }

    @Test
    void noTokenOrATokenWithoutTenantIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ plans { code } }"))
                .when().post("/graphql").then().statusCode(401);
        String noTenant = Jwt.issuer(EmbeddedPostgresResource.ISSUER).audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("someone").groups(java.util.Set.of(Tokens.VIEWER)).expiresIn(Duration.ofMinutes(5)).sign(EmbeddedPostgresResource.KEYS.getPrivate());
        JsonPath r = given().contentType(ContentType.JSON).auth().oauth2(noTenant).body(Map.of("query", "{ plans { code } }"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("UNAUTHENTICATED", r.get("errors[0].extensions.code"));
        String wrongAudience = Jwt.issuer(EmbeddedPostgresResource.ISSUER).audience("someone-else").claim("tenant_id", "iso-a")
                .expiresIn(Duration.ofMinutes(5)).sign(EmbeddedPostgresResource.KEYS.getPrivate());
        given().contentType(ContentType.JSON).auth().oauth2(wrongAudience).body(Map.of("query", "{ plans { code } }"))
                .when().post("/graphql").then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
