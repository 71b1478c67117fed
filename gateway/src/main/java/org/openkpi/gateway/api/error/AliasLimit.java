package org.openkpi.gateway.api.error;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.validation.ValidationError;

/**
 * Refuses a document with more aliased fields than {@code kpi.graphql.max-aliases}, before it is validated or
 * executed: aliases multiply the work one field costs (the same expensive KPI asked for under a thousand names),
 * which the depth and complexity limits count only as one field each. Answered with {@code LIMIT_EXCEEDED}.
 */
final class AliasLimit extends SimplePerformantInstrumentation {

    private final int maxAliases;

    AliasLimit(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        AtomicInteger aliases = new AtomicInteger();
        count(parameters.getDocument(), aliases);
        if (aliases.get() > maxAliases) {
            throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                    .message("the document has %d aliases, at most %d are allowed", aliases.get(), maxAliases)
                    .extensions(Map.of("code", ErrorCode.LIMIT_EXCEEDED.name()))
                    .build()));
        }
        return super.beginValidation(parameters, state);
    }

    private void count(Node<?> node, AtomicInteger aliases) {
        if (node instanceof Field field && field.getAlias() != null && aliases.incrementAndGet() > maxAliases) {
            return;
        }
        for (Node<?> child : node.getChildren()) {
            if (aliases.get() > maxAliases) {
                return;
            }
            count(child, aliases);
        }
    }
}
