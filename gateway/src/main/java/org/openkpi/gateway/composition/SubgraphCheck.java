package org.openkpi.gateway.composition;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import org.openkpi.gateway.subgraph.SubgraphClient;

/** Refuses to start when a composed service has no URL configured ({@code kpi.services.<name>.url}). */
@ApplicationScoped
public class SubgraphCheck {

    void onStart(@Observes StartupEvent event, SubgraphSchemas schemas, SubgraphClient client) {
        Set<String> missing = new TreeSet<>(schemas.composition().services());
        missing.removeAll(client.names());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no URL configured for " + missing + ": set kpi.services.<name>.url");
        }
    }
}
