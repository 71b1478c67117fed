package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The federation subgraph SDL: v2.7 @link, the Customer entity, renamed root fields; written for the composition check. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class SubgraphSchemaTest {

    @Test
    void sdlIsAFederationV27SubgraphWithTheCustomerEntity() throws Exception {
        String sdl = Gql.as("sdl").ok("{ _service { sdl } }").getString("data._service.sdl");
        Path out = Path.of("target", "subgraph", "retention.graphql");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sdl);
        // whitespace normalised, " : " (SmallRye's argument spacing) as ": "
        String flat = sdl.replaceAll("\\s+", " ").replace(" : ", ": ");
        assertTrue(flat.matches("^(extend )?schema @link\\([^)]*url: \"https://specs\\.apollo\\.dev/federation/v2\\.7\".*"), flat.substring(0, 200));
        assertTrue(flat.contains("@link(import: [\"@key\", \"@shareable\"], url: \"https://specs.apollo.dev/federation/v2.7\")"), flat.substring(0, 200));
        assertTrue(flat.contains("type Customer @key(fields: \"id\")"), sdl);
        // descriptions (lines starting with a quote) dropped, so arguments read as in a hand-written SDL
        flat = java.util.Arrays.stream(sdl.split("\n")).filter(l -> !l.strip().startsWith("\"")).collect(java.util.stream.Collectors.joining(" "))
                .replaceAll("\\s+", " ").replace(" : ", ": ").replace("( ", "(").replace(" )", ")");
        assertTrue(flat.contains("retention(asOf: Date): CustomerRetention"), sdl);
        for (String field : new String[] { "retentionSettings: RetentionSettings!", "retentionFeedStatus: RetentionFeedStatus!",
                "retentionServiceInfo: ServiceInfo!", "updateRetentionSettings(settings: RetentionSettingsInput!): RetentionSettings!",
                "syncRetentionFeed: RetentionFeedStatus!", "type ServiceInfo @shareable", "type IngestResult @shareable" }) {
            assertTrue(flat.contains(field), field);
        }
        for (String old : new String[] { "tenantSettings", "TenantSettings", "feedStatus:", "syncRevenueFeed", " serviceInfo:",
                "type FeedStatus" }) {
            assertTrue(!flat.contains(old), old);
        }
    }
}
