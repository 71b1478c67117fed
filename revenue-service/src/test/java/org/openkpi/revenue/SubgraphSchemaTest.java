package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service is an Apollo Federation v2.7 subgraph: its {@code _service { sdl }} links the v2.7 spec and defines the
 * Customer entity keyed by id. Writes the SDL to target/subgraph/revenue.graphql for the composition check.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SubgraphSchemaTest {

    @Test
    void sdlIsAFederationV27SubgraphWithTheCustomerEntity() throws Exception {
        String sdl = Gql.as("sdl").ok("{ _service { sdl } }").getString("data._service.sdl");
        Path out = Path.of("target", "subgraph", "revenue.graphql");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sdl);

        // SmallRye prints the @link arguments as `import : [...], url : "..."`
        assertTrue(Pattern.compile("@link\\([^)]*url\\s*:\\s*\"https://specs.apollo.dev/federation/v2.7\"").matcher(sdl).find(), sdl);
        assertTrue(Pattern.compile("type Customer @key\\(fields\\s*:\\s*\"id\"\\)").matcher(sdl).find(), sdl);
        assertTrue(Pattern.compile("(?s)revenue\\(.{0,300}?asOf: Date\\s*\\): CustomerMrrHistory").matcher(sdl).find(), sdl);
        assertTrue(sdl.contains("customer(id: ID!): Customer"), sdl);
        assertTrue(sdl.contains("revenueSettings: RevenueSettings!"), sdl);
        assertTrue(sdl.contains("updateRevenueSettings(settings: RevenueSettingsInput!): RevenueSettings!"), sdl);
        // value types that other services define too are @shareable
        for (String shared : new String[] { "PageInfo", "IngestResult", "Money", "Period", "Ratio" }) {
            assertTrue(Pattern.compile("type " + shared + " @shareable").matcher(sdl).find(), shared + " in " + sdl);
        }
        assertFalse(sdl.contains("TenantSettings"), sdl);
        assertFalse(sdl.contains("tenantSettings"), sdl);
    }
}
