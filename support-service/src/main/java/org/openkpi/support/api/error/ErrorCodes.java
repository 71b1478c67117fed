package org.openkpi.support.api.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Gives graphql-java's own errors (limits, syntax, validation, coercion) an {@code extensions.code}: wraps the
 * instrumentation SmallRye built (depth and complexity limits, tracing) with {@link ErrorCodeInstrumentation}, when
 * SmallRye builds its {@link GraphQL} object (needs {@code quarkus.smallrye-graphql.events.enabled=true}).
 */
@ApplicationScoped
public class ErrorCodes {

    void install(@Observes GraphQL.Builder graphQL) {
        Instrumentation existing = graphQL.build().getInstrumentation();
        graphQL.instrumentation(new ChainedInstrumentation(List.of(existing, new ErrorCodeInstrumentation())));
    }
}
