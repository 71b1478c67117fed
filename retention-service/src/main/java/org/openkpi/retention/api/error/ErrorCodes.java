package org.openkpi.retention.api.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Gives graphql-java's own errors (syntax, validation, coercion, the depth / complexity / token limits) an
 * {@code extensions.code}, as {@link ApiException} does for the service's errors: it chains
 * {@link ErrorCodeInstrumentation} after the instrumentation SmallRye built (needs
 * {@code quarkus.smallrye-graphql.events.enabled=true}).
 */
@ApplicationScoped
public class ErrorCodes {

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation existing = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(existing, new ErrorCodeInstrumentation())));
    }
}
