package org.openkpi.acquisition;

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
 * Customer entity keyed by id. Writes the SDL to target/subgraph/acquisition.graphql for the composition check.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class SubgraphSchemaTest {

    @Test
    void sdlIsAFederationV27SubgraphWithTheCustomerEntity() throws Exception {
        String sdl = Gql.as("sdl").ok("{ _service { sdl } }").getString("data._service.sdl");
        Path out = Path.of("target", "subgraph", "acquisition.graphql");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sdl);

        // SmallRye prints the @link arguments as `import : [...], url : "..."`
        assertTrue(Pattern.compile("@link\\([^)]*url\\s*:\\s*\"https://specs.apollo.dev/federation/v2.7\"").matcher(sdl).find(), sdl);
        assertTrue(Pattern.compile("type Customer @key\\(fields\\s*:\\s*\"id\"\\)").matcher(sdl).find(), sdl);
        assertTrue(sdl.contains("acquisition: CustomerAcquisition\n"), sdl);
        for (String field : new String[] { "acquisitionSettings: AcquisitionSettings!", "acquisitionFeedStatus: AcquisitionFeedStatus!",
                "acquisitionServiceInfo: ServiceInfo!", "updateAcquisitionSettings(settings: AcquisitionSettingsInput!): AcquisitionSettings!",
                "recordAcquisitionFxRates(rates: [FxRateInput!]!): IngestResult!", "syncAcquisitionFeed(" }) {
            assertTrue(sdl.contains(field), field + " in " + sdl);
        }
        for (String shared : new String[] { "ServiceInfo", "IngestResult", "Money", "Period", "Ratio", "Duration" }) {
            assertTrue(Pattern.compile("type " + shared + " @shareable").matcher(sdl).find(), shared + " in " + sdl);
        }
        for (String old : new String[] { "TenantSettings", "tenantSettings", " feedStatus", "type FeedStatus", "syncRevenueFeed",
                " recordFxRates", " serviceInfo" }) {
            assertFalse(sdl.contains(old), old + " in " + sdl);
        }
    }
}
