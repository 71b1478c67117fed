package org.openkpi.gateway.api.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Adds the gateway's own request guards to the instrumentation SmallRye builds (which holds the depth and complexity
 * limits of {@code quarkus.smallrye-graphql.instrumentation-query-*}): first the {@link AliasLimit}, last the
 * {@link ErrorCodeInstrumentation} that gives every error its stable code. SmallRye builds its {@link GraphQL} on the
 * first request, so runtime configuration applies; needs {@code quarkus.smallrye-graphql.events.enabled=true}.
 */
@ApplicationScoped
public class GraphQLLimits {

    private final int maxAliases;

    public GraphQLLimits(@ConfigProperty(name = "kpi.graphql.max-aliases") int maxAliases) {
        this.maxAliases = maxAliases;
    }

    void install(@Observes GraphQL.Builder graphQL) {
        Instrumentation smallRye = graphQL.build().getInstrumentation();
        graphQL.instrumentation(new ChainedInstrumentation(List.of(
                new AliasLimit(maxAliases), smallRye, new ErrorCodeInstrumentation())));
    }
}
