package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The federation subgraph SDL: v2.7 @link, the Customer entity, renamed root fields; written for the composition check. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SubgraphSchemaTest {

    @Test
    void sdlIsAFederationV27SubgraphWithTheCustomerEntity() throws Exception {
        String sdl = Gql.as("sdl").ok("{ _service { sdl } }").getString("data._service.sdl");
        Path out = Path.of("target", "subgraph", "support.graphql");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sdl);
        // whitespace normalised, " : " (SmallRye's argument spacing) as ": "
        String flat = sdl.replaceAll("\\s+", " ").replace(" : ", ": ");
        assertTrue(flat.matches("^(extend )?schema @link\\([^)]*url: \"https://specs\\.apollo\\.dev/federation/v2\\.7\".*"), flat.substring(0, 200));
        assertTrue(flat.contains("@link(import: [\"@key\", \"@shareable\"], url: \"https://specs.apollo.dev/federation/v2.7\")"), flat.substring(0, 200));
        assertTrue(flat.contains("type Customer @key(fields: \"id\")"), sdl);
        // descriptions (lines starting with a quote) dropped, so arguments read as in a hand-written SDL
        flat = Arrays.stream(sdl.split("\n")).filter(l -> !l.strip().startsWith("\"")).collect(Collectors.joining(" "))
                .replaceAll("\\s+", " ").replace(" : ", ": ").replace("( ", "(").replace(" )", ")");
        // the printer sorts arguments by name
        assertTrue(flat.contains("support(granularity: Granularity = MONTH, range: DateRangeInput): CustomerSupport")
                || flat.contains("support(range: DateRangeInput, granularity: Granularity = MONTH): CustomerSupport"), sdl);
        for (String field : new String[] { "supportSettings: SupportSettings!", "supportServiceInfo: ServiceInfo!",
                "updateSupportSettings(settings: SupportSettingsInput!): SupportSettings!", "type ServiceInfo @shareable",
                "type IngestResult @shareable" }) {
            assertTrue(flat.contains(field), field);
        }
        for (String old : new String[] { "tenantSettings", "TenantSettings", " serviceInfo:" }) {
            assertTrue(!flat.contains(old), old);
        }
    }
}
