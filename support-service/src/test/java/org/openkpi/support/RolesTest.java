package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.support.Gql.agent;
import static org.openkpi.support.Gql.csat;
import static org.openkpi.support.Gql.event;
import static org.openkpi.support.Gql.list;
import static org.openkpi.support.Gql.range;
import static org.openkpi.support.Gql.ticket;
import static org.openkpi.support.Gql.vars;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.junit.jupiter.api.Test;
import org.openkpi.support.api.CustomerApi;
import org.openkpi.support.api.IngestionApi;
import org.openkpi.support.api.RiskSignalApi;
import org.openkpi.support.api.ServiceInfoApi;
import org.openkpi.support.api.SupportQueryApi;
import org.openkpi.support.api.security.RequiresRole;
import org.openkpi.support.api.security.Role;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.graphql.api.federation.Resolver;

/** Every GraphQL entry point declares its roles, and the roles are enforced before anything is read or changed. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RolesTest {

    /** The @GraphQLApi classes of the api package. */
    static final List<Class<?>> API_CLASSES = List.of(SupportQueryApi.class, IngestionApi.class, RiskSignalApi.class,
            ServiceInfoApi.class, CustomerApi.class);

    static final String VIEWER = "kpi-viewer";
    static final String WRITER = "kpi-writer";
    static final String ADMIN = "kpi-admin";

    static boolean isEntryPoint(Method m) {
        if (m.isAnnotationPresent(Query.class) || m.isAnnotationPresent(Mutation.class) || m.isAnnotationPresent(Resolver.class)
                || m.isAnnotationPresent(Source.class)) {
            return true;
        }
        return Arrays.stream(m.getParameters()).anyMatch((Parameter p) -> p.isAnnotationPresent(Source.class));
    }

    @Test
    void everyEntryPointDeclaresTheRolesOfTheContract() {
        Map<String, Set<Role>> declared = new TreeMap<>();
        for (Class<?> api : API_CLASSES) {
            for (Method m : api.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || !isEntryPoint(m)) {
                    continue;
                }
                RequiresRole r = m.getAnnotation(RequiresRole.class);
                assertNotNull(r, () -> api.getSimpleName() + "." + m.getName() + " has no @RequiresRole");
                assertTrue(r.value().length > 0, () -> api.getSimpleName() + "." + m.getName() + " admits no role");
                declared.put(m.getName(), Set.of(r.value()));
            }
        }
        Map<String, Set<Role>> expected = new TreeMap<>();
        for (String q : List.of("firstResponseTime", "resolutionTime", "supportSeries", "agentResolutionRates",
                "teamResolutionRates", "backlog", "customerSupport", "supportSettings", "supportRiskSignals", "customers", "support")) {
            expected.put(q, Set.of(Role.VIEWER));
        }
        expected.put("supportServiceInfo", Set.of(Role.VIEWER, Role.WRITER, Role.ADMIN));
        for (String m : List.of("recordTeams", "recordAgents", "recordTickets", "recordTicketEvents", "recordCsatResponses")) {
            expected.put(m, Set.of(Role.WRITER));
        }
        expected.put("updateSupportSettings", Set.of(Role.ADMIN));
        assertEquals(expected, declared);
    }

    /** One valid call of every mutation, each changing the tenant's data if it ran. */
    static Map<String, Object[]> mutations() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("recordTeams", new Object[] { Gql.TEAMS, list(Map.of("externalId", "t-new", "name", "New")) });
        m.put("recordAgents", new Object[] { Gql.AGENTS, list(agent("a1", "t-b")) });
        m.put("recordTickets", new Object[] { Gql.TICKETS, list(ticket("k9", "cust-9", "email", "high", "2024-07-02T00:00:00Z")) });
        m.put("recordTicketEvents", new Object[] { Gql.EVENTS, list(event("k5-s", "k5", "RESOLVED_BY_AGENT", "2024-07-01T05:00:00Z", "a2")) });
        m.put("recordCsatResponses", new Object[] { Gql.CSAT, list(csat("q9", "k5", 1, "2024-07-03T00:00:00Z")) });
        return m;
    }

    static final Map<String, Object> NEW_SETTINGS = Map.of("timeZone", "Europe/Berlin");

    static String code(JsonPath r) {
        return r.get("errors[0].extensions.code");
    }

    static void forbidden(JsonPath r, String message) {
        assertEquals("FORBIDDEN", code(r), r::prettify);
        assertEquals(message, r.get("errors[0].message"));
        assertNull(r.get("data"), r::prettify);
    }

    /** What the tenant's data looks like, read by a viewer. */
    static List<Object> snapshot(Gql viewer) {
        Map<String, Object> july = range("2024-07-01", "2024-08-01");
        return List.of(
                viewer.ok(Gql.SERIES, vars("r", july, "g", "MONTH", "by", "TEAM")).getMap("data"),
                viewer.ok(Gql.FRT, vars("r", july, "g", "MONTH", "by", "AGENT")).getMap("data"),
                viewer.ok("{agentResolutionRates(range:{from:\"2024-07-01\",to:\"2024-08-01\"}){agentId teamId resolved}"
                        + " teamResolutionRates(range:{from:\"2024-07-01\",to:\"2024-08-01\"}){teamId name agents}"
                        + " supportSettings{timeZone} backlog(at:\"2024-07-05T00:00:00Z\"){openTickets}}").getMap("data"));
    }

    @Test
    void eachRoleDoesOnlyWhatItIsFor() {
        SupportKpiTest.kpiTenant("roles");
        Gql viewer = Gql.as("roles", VIEWER);
        List<Object> before = snapshot(viewer);
        assertEquals("UTC", viewer.ok("{supportSettings{timeZone}}").get("data.supportSettings.timeZone"));

        // a viewer changes nothing
        mutations().forEach((name, call) -> forbidden(viewer.run((String) call[0], Map.of("x", call[1])), "requires role kpi-writer"));
        forbidden(viewer.run(Gql.SETTINGS, Map.of("s", NEW_SETTINGS)), "requires role kpi-admin");
        assertEquals(before, snapshot(viewer));

        // a writer reads no KPI and changes no setting, but ingests
        Gql writer = Gql.as("roles", WRITER);
        forbidden(writer.run(Gql.FRT, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH")), "requires role kpi-viewer");
        forbidden(writer.run("{supportSettings{timeZone}}", null), "requires role kpi-viewer");
        forbidden(writer.run(Gql.SETTINGS, Map.of("s", NEW_SETTINGS)), "requires role kpi-admin");
        assertEquals(before, snapshot(viewer));
        assertEquals("roles", writer.ok("{supportServiceInfo{tenant}}").get("data.supportServiceInfo.tenant"));
        Object[] tickets = mutations().get("recordTickets");
        assertEquals(1, writer.ok((String) tickets[0], Map.of("x", tickets[1])).getInt("data.recordTickets.accepted"));

        // an admin changes settings but ingests nothing
        Gql admin = Gql.as("roles", ADMIN);
        forbidden(admin.run(Gql.EVENTS, Map.of("x", mutations().get("recordTicketEvents")[1])), "requires role kpi-writer");
        assertEquals("Europe/Berlin", admin.ok(Gql.SETTINGS, Map.of("s", NEW_SETTINGS)).get("data.updateSupportSettings.timeZone"));
        assertEquals("Europe/Berlin", viewer.ok("{supportSettings{timeZone}}").get("data.supportSettings.timeZone"));
        assertEquals("roles", admin.ok("{supportServiceInfo{tenant}}").get("data.supportServiceInfo.tenant"));

        // a token with no kpi role reads nothing
        Gql nobody = Gql.as("roles", new String[0]);
        forbidden(nobody.run(Gql.SERIES, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH")), "requires role kpi-viewer");
        forbidden(nobody.run("{supportServiceInfo{tenant}}", null), "requires role kpi-viewer or kpi-writer or kpi-admin");
        // a role of another application does not count
        forbidden(Gql.as("roles", "admin", "kpi-service").run("{supportSettings{timeZone}}", null), "requires role kpi-viewer");

        // _entities needs kpi-viewer too
        JsonPath entities = writer.run(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("cust-2")));
        assertEquals("FORBIDDEN", code(entities), entities::prettify);
        assertEquals("requires role kpi-viewer", entities.get("errors[0].message"));
        assertEquals("cust-2", viewer.ok(CustomerEntityTest.ENTITIES, Map.of("reps", CustomerEntityTest.reps("cust-2")))
                .get("data._entities[0].id"));
    }
}
