package org.openkpi.gateway.subgraph;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Where the domain services answer and how long the gateway waits for each:
 * {@code kpi.services.<name>.url} and {@code kpi.services.<name>.timeout}.
 */
@ConfigMapping(prefix = "kpi.services")
public interface SubgraphsConfig {

    /** @return one entry per domain service, keyed by subgraph name (revenue, acquisition, retention, support) */
    @WithParentName
    Map<String, Service> services();

    interface Service {
        /** @return the service's GraphQL endpoint, e.g. http://revenue-service:8081/graphql */
        String url();

        /** @return how long one call may take, connection included, before the field fails with UPSTREAM_UNAVAILABLE */
        @WithDefault("5s")
        Duration timeout();
    }
}
