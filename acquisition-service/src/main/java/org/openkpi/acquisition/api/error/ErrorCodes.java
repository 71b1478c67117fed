package org.openkpi.acquisition.api.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Gives every GraphQL error an {@code extensions.code}: wraps the instrumentation SmallRye built (depth and complexity
 * limits, query cache, federation tracing) with {@link ErrorCodeInstrumentation}, which rewrites graphql-java's own
 * errors. Needs {@code quarkus.smallrye-graphql.events.enabled=true}. (Syntax errors never reach graphql-java's
 * execution in SmallRye: {@link SyntaxErrorCodes} handles them.)
 */
@ApplicationScoped
public class ErrorCodes {

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation existing = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(existing, new ErrorCodeInstrumentation())));
    }
}
