package org.openkpi.gateway.composition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The schemas of the domain services as the gateway serves them: the snapshots in
 * {@code src/main/resources/subgraphs/<service>.graphql} (each service's {@code _service { sdl }}), composed once at
 * start. Snapshots, not a live fetch: the gateway starts and serves what it can while a service is down, and a
 * schema change reaches the gateway through a reviewed commit (see the README for how to refresh them).
 * {@code subgraphs/index} lists the services, one name per line.
 *
 * <p>SmallRye GraphQL builds the schema during static initialisation, before runtime configuration exists, so this
 * reads nothing but classpath resources; the services' URLs are only needed when a request is forwarded.
 */
@ApplicationScoped
public class SubgraphSchemas {

    private final Composition composition;

    public SubgraphSchemas() {
        Map<String, String> sdl = new TreeMap<>();
        for (String service : read("subgraphs/index").split("\\s+")) {
            if (service.isBlank()) {
                continue;
            }
            sdl.put(service, read("subgraphs/" + service + ".graphql"));
        }
        this.composition = Composition.compose(sdl);
    }

    public Composition composition() {
        return composition;
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no subgraph schema snapshot " + resource
                        + " on the classpath: each service named in subgraphs/index needs gateway/src/main/resources/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
