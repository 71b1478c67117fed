package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.junit.jupiter.api.Test;
import org.openkpi.retention.api.CustomerApi;
import org.openkpi.retention.api.EngagementApi;
import org.openkpi.retention.api.IngestionApi;
import org.openkpi.retention.api.RetentionQueryApi;
import org.openkpi.retention.api.RiskSignalApi;
import org.openkpi.retention.api.ServiceInfoApi;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.graphql.api.federation.Resolver;

/** Every GraphQL entry point declares its roles, and each role gets exactly what the contract grants it. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class RolesTest {

    /** The @GraphQLApi classes of the api package. */
    static final List<Class<?>> APIS = List.of(CustomerApi.class, EngagementApi.class, IngestionApi.class, RetentionQueryApi.class,
            RiskSignalApi.class, ServiceInfoApi.class);

    static final String NPS_MUTATION = EngagementAndFeedbackTest.NPS_MUTATION;
    static final String ACTIVITY = EngagementAndFeedbackTest.ACTIVITY;
    static final String MILESTONES = "mutation($m:[OnboardingMilestoneInput!]!){ recordOnboardingMilestones(milestones:$m){ accepted } }";
    static final String PURCHASES = "mutation($p:[PurchaseInput!]!){ recordPurchases(purchases:$p){ accepted } }";
    static final String SETTINGS = "mutation { updateRetentionSettings(settings:{timeZone:\"Europe/Paris\"}){ timeZone } }";
    static final String SYNC = "mutation { syncRetentionFeed { cursor } }";

    static boolean isEntryPoint(Method m) {
        if (m.isAnnotationPresent(Query.class) || m.isAnnotationPresent(Mutation.class) || m.isAnnotationPresent(Source.class)
                || m.isAnnotationPresent(Resolver.class)) {
            return true;
        }
        for (Parameter p : m.getParameters()) {
            if (p.isAnnotationPresent(Source.class)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyEntryPointDeclaresItsRoles() {
        List<String> seen = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Class<?> api : APIS) {
            assertTrue(api.isAnnotationPresent(GraphQLApi.class), api.getName());
            for (Method m : api.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && isEntryPoint(m)) {
                    seen.add(m.getName());
                    RequiresRole r = m.getAnnotation(RequiresRole.class);
                    if (r == null || r.value().length == 0) {
                        missing.add(api.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        // 13 queries, 6 mutations, the _entities resolver and Customer.retention
        assertEquals(21, seen.size(), seen.toString());
    }

    @Test
    void theMappingOfTheContract() throws Exception {
        assertEquals(List.of(Role.VIEWER, Role.WRITER, Role.ADMIN), roles(ServiceInfoApi.class, "retentionServiceInfo"));
        assertEquals(List.of(Role.ADMIN), roles(IngestionApi.class, "updateRetentionSettings"));
        assertEquals(List.of(Role.WRITER), roles(RetentionQueryApi.class, "syncRetentionFeed"));
        assertEquals(List.of(Role.VIEWER), roles(CustomerApi.class, "customers"));
        assertEquals(List.of(Role.VIEWER), roles(CustomerApi.class, "retention"));
    }

    static List<Role> roles(Class<?> api, String method) {
        for (Method m : api.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                return List.of(m.getAnnotation(RequiresRole.class).value());
            }
        }
        throw new AssertionError(method);
    }

    static void forbidden(JsonPath r, String requires) {
        assertEquals("FORBIDDEN", r.get("errors[0].extensions.code"), r.prettify());
        assertEquals("requires role " + requires, r.get("errors[0].message"), r.prettify());
    }

    @Test
    void aViewerCannotChangeAnything() {
        String tenant = "roles-viewer";
        FakeRevenue.of(tenant).movement("c1", "2024-01-10", "NEW", "0", "100");
        Gql viewer = Gql.as(tenant, "kpi-viewer");
        forbidden(viewer.run(NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "c1", 9, "2024-02-01T00:00:00Z")))),
                "kpi-writer");
        forbidden(viewer.run(ACTIVITY, Map.of("e", List.of(EngagementAndFeedbackTest.event("u1", "c1", "2024-02-01T00:00:00Z")))),
                "kpi-writer");
        forbidden(viewer.run(MILESTONES, Map.of("m", List.of(EngagementAndFeedbackTest.milestone("m1", "c1", "SIGNED_UP",
                "2024-02-01T00:00:00Z")))), "kpi-writer");
        forbidden(viewer.run(PURCHASES, Map.of("p", List.of(Map.of("externalId", "p1", "customerId", "c1", "purchasedAt",
                "2024-02-01T00:00:00Z", "amount", "10", "currency", "EUR")))), "kpi-writer");
        forbidden(viewer.run(SETTINGS, null), "kpi-admin");
        forbidden(viewer.run(SYNC, null), "kpi-writer");

        // nothing changed (read with the viewer token, which may read)
        Map<String, Object> feb = Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH");
        assertEquals(0, (Integer) viewer.ok(EngagementAndFeedbackTest.NPS, feb).get("data.npsSeries[0].responses"));
        assertEquals(0, ((Number) viewer.ok(EngagementAndFeedbackTest.ENGAGEMENT, feb).get("data.engagementSeries[0].activeUsers")).intValue());
        assertEquals(0, (Integer) viewer.ok("{ timeToOnboard(range:{from:\"2024-02-01\",to:\"2024-03-01\"}, granularity:MONTH){ signedUp } }")
                .get("data.timeToOnboard[0].signedUp"));
        assertEquals(0, (Integer) viewer.ok("{ repeatPurchaseRate(range:{from:\"2024-02-01\",to:\"2024-03-01\"}, granularity:MONTH){ purchases } }")
                .get("data.repeatPurchaseRate[0].purchases"));
        assertEquals("UTC", viewer.ok("{ retentionSettings { timeZone } }").get("data.retentionSettings.timeZone"));
        JsonPath status = viewer.ok(FeedConsumerTest.STATUS);
        assertNull(status.get("data.retentionFeedStatus.cursor"));
        assertEquals(0, ((Number) status.get("data.retentionFeedStatus.entriesApplied")).intValue());
        // and the viewer reads, which catches the feed up with the viewer's own token
        assertEquals(1, (Integer) viewer.series("2024-02-01", "2024-03-01", "MONTH").get("data.retentionSeries[0].payingCustomersStart"));
    }

    @Test
    void aWriterCannotReadNorConfigure() {
        Gql writer = Gql.as("roles-writer", "kpi-writer");
        forbidden(writer.run(EngagementAndFeedbackTest.NPS, Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH")), "kpi-viewer");
        forbidden(writer.run(SETTINGS, null), "kpi-admin");
        forbidden(writer.run(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("c1"))), "kpi-viewer");
        assertEquals(1, (Integer) writer.ok(NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "c1", 9,
                "2024-02-01T00:00:00Z")))).get("data.recordNpsResponses.accepted"));
        assertEquals("retention-service", writer.ok("{ retentionServiceInfo { service } }").get("data.retentionServiceInfo.service"));
        assertEquals("UTC", Gql.as("roles-writer").ok("{ retentionSettings { timeZone } }").get("data.retentionSettings.timeZone"));
    }

    @Test
    void anAdminConfiguresButCannotIngest() {
        Gql admin = Gql.as("roles-admin", "kpi-admin");
        assertEquals("Europe/Paris", admin.ok(SETTINGS).get("data.updateRetentionSettings.timeZone"));
        forbidden(admin.run(NPS_MUTATION, Map.of("r", List.of(EngagementAndFeedbackTest.nps("n1", "c1", 9, "2024-02-01T00:00:00Z")))),
                "kpi-writer");
        Gql all = Gql.as("roles-admin");
        assertEquals("Europe/Paris", all.ok("{ retentionSettings { timeZone } }").get("data.retentionSettings.timeZone"));
        assertEquals(0, (Integer) all.ok(EngagementAndFeedbackTest.NPS, Map.of("r", Gql.range("2024-02-01", "2024-03-01"), "g", "MONTH"))
                .get("data.npsSeries[0].responses"));
    }

    @Test
    void aTokenWithoutAnyKpiRoleGetsNothing() {
        Gql none = Gql.withToken(Tokens.forTenant("roles-none", new String[0]));
        forbidden(none.run("{ retentionSettings { timeZone } }", null), "kpi-viewer");
        forbidden(none.run("{ retentionServiceInfo { service } }", null), "kpi-viewer or kpi-writer or kpi-admin");
        // a service client's token is admitted by no operation of this service
        forbidden(Gql.withToken(Tokens.service()).run("{ retentionSettings { timeZone } }", null), "kpi-viewer");
    }
}
