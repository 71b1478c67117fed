package org.openkpi.revenue.api.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Gives every error graphql-java or SmallRye raise itself (limits, validation, coercion) an {@code extensions.code},
 * as {@link ApiException} does for the service's own errors: it chains {@link ErrorCodeInstrumentation} after the
 * instrumentation SmallRye built (query depth and complexity limits, query cache, federation tracing).
 * Syntax errors and the parser's token limit never reach graphql-java's instrumentation in SmallRye (it parses the
 * document before executing and answers "Unparseable input document"); {@link ParseGuard} answers those.
 */
@ApplicationScoped
public class ErrorCodes {

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation existing = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(existing, new ErrorCodeInstrumentation())));
    }
}
