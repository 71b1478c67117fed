package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.list;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.junit.jupiter.api.Test;
import org.openkpi.acquisition.api.AcquisitionQueryApi;
import org.openkpi.acquisition.api.CustomerApi;
import org.openkpi.acquisition.api.IngestionApi;
import org.openkpi.acquisition.api.ServiceInfoApi;
import org.openkpi.acquisition.api.security.RequiresRole;
import org.openkpi.acquisition.api.security.Role;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.graphql.api.federation.Resolver;

/** Every GraphQL entry point declares its role, and callers without it are refused before anything happens. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class RolesTest {

    /** The @GraphQLApi classes of the api package. */
    static final List<Class<?>> API_CLASSES = List.of(AcquisitionQueryApi.class, IngestionApi.class, CustomerApi.class, ServiceInfoApi.class);

    static boolean isEntryPoint(Method m) {
        if (m.isAnnotationPresent(Query.class) || m.isAnnotationPresent(Mutation.class) || m.isAnnotationPresent(Resolver.class)) {
            return true;
        }
        for (Annotation[] parameter : m.getParameterAnnotations()) {
            for (Annotation a : parameter) {
                if (a instanceof Source) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyEntryPointDeclaresItsRoles() {
        Map<String, String> roles = new TreeMap<>();
        for (Class<?> api : API_CLASSES) {
            for (Method m : api.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || !isEntryPoint(m)) {
                    continue;
                }
                RequiresRole r = m.getAnnotation(RequiresRole.class);
                assertNotNull(r, api.getSimpleName() + "." + m.getName() + " has no @RequiresRole");
                assertTrue(r.value().length > 0, m.getName());
                roles.put(m.getName(), Arrays.stream(r.value()).map(Role::name).collect(Collectors.joining(",")));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String q : List.of("funnel", "leadMetrics", "dealMetrics", "timeInStage", "pipeline", "lostDealReasons", "repLeaderboard",
                "acquisitionCost", "campaignRoi", "emailListGrowth", "customerAcquisition", "pipelineStages", "acquisitionFeedStatus",
                "acquisitionSettings", "customers", "acquisition")) {
            expected.put(q, "VIEWER");
        }
        for (String w : List.of("recordVisitorCounts", "recordVisits", "recordTrials", "recordLeads", "recordPipelineStages", "recordDeals",
                "recordCampaigns", "recordSpend", "recordEmailListActivity", "recordAcquisitionFxRates", "syncAcquisitionFeed")) {
            expected.put(w, "WRITER");
        }
        expected.put("updateAcquisitionSettings", "ADMIN");
        expected.put("acquisitionServiceInfo", "VIEWER,WRITER,ADMIN");
        assertEquals(expected, roles);
    }

    static void assertForbidden(JsonPath r, String roles) {
        assertEquals("FORBIDDEN", r.get("errors[0].extensions.code"), r.prettify());
        assertEquals("requires role " + roles, r.get("errors[0].message"));
        assertNull(r.get("data"), r.prettify());
    }

    @Test
    void aViewerCannotChangeAnythingAndAWriterOrAdminCannotRead() {
        Gql all = Gql.as("roles-a");
        Samples.seed(all);
        Gql viewer = Gql.as("roles-a", "kpi-viewer");
        Samples.assertSeeded(Samples.snapshot(viewer));

        for (String kind : Samples.KINDS) {
            assertForbidden(viewer.run(Gql.mutation(kind), Map.of("x", list(Samples.fact(kind, 1)))), "kpi-writer");
        }
        assertForbidden(viewer.run("mutation{syncAcquisitionFeed{entriesApplied}}", null), "kpi-writer");
        assertForbidden(viewer.run(Samples.UPDATE_SETTINGS, null), "kpi-admin");
        Samples.assertSeeded(Samples.snapshot(viewer));

        Gql writer = Gql.as("roles-a", "kpi-writer");
        assertForbidden(writer.run(Samples.SNAPSHOT, null), "kpi-viewer");
        assertForbidden(writer.run("{acquisitionSettings{timeZone}}", null), "kpi-viewer");
        assertForbidden(writer.run(Samples.UPDATE_SETTINGS, null), "kpi-admin");
        assertForbidden(writer.run(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("cust-1"))), "kpi-viewer");

        Gql admin = Gql.as("roles-a", "kpi-admin");
        for (String kind : Samples.KINDS) {
            assertForbidden(admin.run(Gql.mutation(kind), Map.of("x", list(Samples.fact(kind, 1)))), "kpi-writer");
        }
        assertForbidden(admin.run(Samples.SNAPSHOT, null), "kpi-viewer");
        Samples.assertSeeded(Samples.snapshot(viewer));
        JsonPath s = admin.ok(Samples.UPDATE_SETTINGS);
        assertEquals("Asia/Tokyo", s.get("data.updateAcquisitionSettings.timeZone"));
        assertEquals("Asia/Tokyo", viewer.ok("{acquisitionSettings{timeZone}}").get("data.acquisitionSettings.timeZone"));

        Gql nobody = Gql.withToken("roles-a", Tokens.forTenant("roles-a", "offline_access", "uma_authorization"));
        assertForbidden(nobody.run("{pipelineStages{code}}", null), "kpi-viewer");
        assertForbidden(nobody.run("{acquisitionServiceInfo{tenant}}", null), "kpi-viewer or kpi-writer or kpi-admin");
        for (String role : Tokens.USER_ROLES) {
            assertEquals("roles-a", Gql.as("roles-a", role).ok("{acquisitionServiceInfo{tenant}}").get("data.acquisitionServiceInfo.tenant"));
        }
    }
}
