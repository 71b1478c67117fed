package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.WorkedExamplesTest.assertAmount;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.junit.jupiter.api.Test;
import org.openkpi.revenue.api.CustomerApi;
import org.openkpi.revenue.api.IngestionApi;
import org.openkpi.revenue.api.RevenueQueryApi;
import org.openkpi.revenue.api.security.RequiresRole;
import org.openkpi.revenue.api.security.Role;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.graphql.api.federation.Resolver;

/** Every entry point declares its roles, and the roles are enforced: a refused call changes nothing. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RolesTest {

    private static final List<Class<?>> API_CLASSES = List.of(CustomerApi.class, IngestionApi.class, RevenueQueryApi.class);

    @Test
    void everyEntryPointDeclaresItsRoles() {
        List<String> entryPoints = new ArrayList<>();
        for (Class<?> api : API_CLASSES) {
            assertNotNull(api.getAnnotation(GraphQLApi.class), api + " is a @GraphQLApi");
            for (Method m : api.getDeclaredMethods()) {
                boolean entry = m.isAnnotationPresent(Query.class) || m.isAnnotationPresent(Mutation.class)
                        || m.isAnnotationPresent(Resolver.class)
                        || java.util.Arrays.stream(m.getParameters()).anyMatch(p -> p.isAnnotationPresent(Source.class));
                if (entry && Modifier.isPublic(m.getModifiers())) {
                    entryPoints.add(api.getSimpleName() + "." + m.getName());
                    RequiresRole r = m.getAnnotation(RequiresRole.class);
                    assertNotNull(r, api.getSimpleName() + "." + m.getName() + " has no @RequiresRole");
                    assertTrue(r.value().length > 0, m.getName() + " names no role");
                }
            }
        }
        // 11 queries (with the _entities resolver), the Customer.revenue field, 7 mutations
        assertEquals(19, entryPoints.size(), entryPoints::toString);
        assertEquals(List.of(Role.VIEWER, Role.SERVICE), List.of(method(RevenueQueryApi.class, "changeFeed").value()));
        assertEquals(List.of(Role.ADMIN), List.of(method(IngestionApi.class, "updateRevenueSettings").value()));
    }

    private static RequiresRole method(Class<?> api, String name) {
        return java.util.Arrays.stream(api.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow().getAnnotation(RequiresRole.class);
    }

    static void assertForbidden(JsonPath r, String what) {
        assertEquals("FORBIDDEN", r.get("errors[0].extensions.code"), () -> what + ": " + r.prettify());
        String message = r.get("errors[0].message");
        assertTrue(message.contains("requires role"), message);
    }

    @Test
    void aViewerCannotChangeAnythingAndTheDataStaysAsItWas() {
        Ops.seed(Gql.as("roles-v"));
        Gql viewer = Gql.as("roles-v", Tokens.VIEWER);
        String before = viewer.ok(Ops.SNAPSHOT).prettify();
        for (Map.Entry<String, Ops.Op> m : Ops.mutations().entrySet()) {
            JsonPath r = viewer.run(m.getValue().document(), m.getValue().variables());
            assertForbidden(r, m.getKey());
            assertEquals("requires role " + (m.getKey().equals("updateRevenueSettings") ? "kpi-admin" : "kpi-writer"),
                    r.get("errors[0].message"));
        }
        assertEquals(before, viewer.ok(Ops.SNAPSHOT).prettify());
        // every query is open to the viewer
        for (Map.Entry<String, Ops.Op> q : Ops.queries().entrySet()) {
            viewer.ok(q.getValue().document(), q.getValue().variables());
        }
    }

    @Test
    void writerAdminAndRolelessTokensGetOnlyWhatTheirRolesAllow() {
        Ops.seed(Gql.as("roles-w"));
        Gql writer = Gql.as("roles-w", Tokens.WRITER);
        assertForbidden(writer.run("{ plans{ code } }", null), "writer query");
        assertEquals("requires role kpi-viewer", writer.run("{ plans{ code } }", null).get("errors[0].message"));
        assertForbidden(writer.run(Ops.mutations().get("updateRevenueSettings").document(), null), "writer settings");
        assertForbidden(writer.run(Ops.queries().get("_entities").document(), null), "writer _entities");
        JsonPath ingested = writer.ok(Ops.mutations().get("recordPlans").document(), Ops.mutations().get("recordPlans").variables());
        assertEquals(1, (Integer) ingested.get("data.recordPlans.replaced"));

        Gql admin = Gql.as("roles-w", Tokens.ADMIN);
        JsonPath settings = admin.ok(Ops.mutations().get("updateRevenueSettings").document());
        assertEquals("Europe/Paris", settings.get("data.updateRevenueSettings.timeZone"));
        JsonPath refused = admin.run("mutation($p:[PlanInput!]!){ recordPlans(plans:$p){ accepted } }",
                Map.of("p", Gql.list(Gql.plan("basic", "300", "USD", 1))));
        assertForbidden(refused, "admin ingest");
        assertForbidden(admin.run("{ plans{ code } }", null), "admin query");

        JsonPath seen = Gql.as("roles-w", Tokens.VIEWER).ok("{ plans{ price{amount} } revenueSettings{ timeZone dunningDays } }");
        assertAmount("200", seen.get("data.plans[0].price.amount"));
        assertEquals("Europe/Paris", seen.get("data.revenueSettings.timeZone"));
        assertEquals(9, (Integer) seen.get("data.revenueSettings.dunningDays"));

        Gql noRole = Gql.as("roles-w", "some-other-role");
        assertForbidden(noRole.run("{ plans{ code } }", null), "no kpi role");
        assertForbidden(noRole.run("{ changeFeed{ entries{ cursor } } }", null), "no kpi role, feed");
        assertForbidden(Gql.as("roles-w", Tokens.WRITER, Tokens.ADMIN).run(Ops.queries().get("_entities").document(), null),
                "writer+admin _entities");
    }

    @Test
    void aServiceClientReadsTheNamedTenantsFeedAndNothingElse() {
        Ops.seed(Gql.as("roles-s"));
        String feed = "{ changeFeed(first:1000){ entries{ cursor customerId kind toMrr } } }";
        JsonPath own = Gql.as("roles-s", Tokens.VIEWER).ok(feed);
        assertEquals(1, own.getList("data.changeFeed.entries").size());

        String service = Tokens.forService("acquisition-service");
        Gql client = Gql.withToken(service, Map.of("X-Kpi-Tenant", "roles-s"));
        assertEquals(own.prettify(), client.ok(feed).prettify());
        for (Map.Entry<String, Ops.Op> q : Ops.queries().entrySet()) {
            if (!q.getKey().equals("changeFeed")) {
                assertForbidden(client.run(q.getValue().document(), q.getValue().variables()), q.getKey());
            }
        }
        for (Map.Entry<String, Ops.Op> m : Ops.mutations().entrySet()) {
            assertForbidden(client.run(m.getValue().document(), m.getValue().variables()), m.getKey());
        }
        assertEquals(own.prettify(), Gql.as("roles-s", Tokens.VIEWER).ok(feed).prettify());

        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("X-Kpi-Tenant", ""),
                Map.of("X-Kpi-Tenant", "roles s"), Map.of("X-Kpi-Tenant", "x".repeat(129)), Map.of("X-Kpi-Tenant", "a'--"))) {
            JsonPath r = Gql.withToken(service, headers).run(feed, null);
            assertEquals("UNAUTHENTICATED", r.get("errors[0].extensions.code"), () -> headers + ": " + r.prettify());
        }
        assertEquals(0, Gql.withToken(service, Map.of("X-Kpi-Tenant", "x".repeat(128))).ok(feed)
                .getList("data.changeFeed.entries").size(), "128 characters are a tenant (an empty one)");
        // a token with a tenant claim acts for its claim whatever the header says
        JsonPath other = Gql.withToken(Tokens.forTenant("roles-other", Tokens.VIEWER, Tokens.SERVICE),
                Map.of("X-Kpi-Tenant", "roles-s")).ok(feed);
        assertTrue(other.getList("data.changeFeed.entries").isEmpty(), other::prettify);
    }
}
