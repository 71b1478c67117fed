package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.arc.Arc;

import org.openkpi.gateway.subgraph.UpstreamCalls;

/**
 * Wraps a gateway-owned root field (SmallRye's fetcher) so that the services' failures met while computing it are
 * reported as errors beside the data it could still compute (UPSTREAM_UNAVAILABLE with extensions.service, or the
 * service's own error), instead of failing the whole field.
 */
final class PartialResultsFetcher implements DataFetcher<Object> {

    private final DataFetcher<?> delegate;

    PartialResultsFetcher(DataFetcher<?> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        Object result = delegate.get(env);
        if (result instanceof CompletionStage<?> stage) {
            return stage.thenApply(value -> withProblems(value, env));
        }
        return withProblems(result, env);
    }

    private static Object withProblems(Object result, DataFetchingEnvironment env) {
        var calls = Arc.container().instance(UpstreamCalls.class);
        List<UpstreamCalls.Problem> problems = calls.isAvailable() ? calls.get().drain() : List.of();
        if (problems.isEmpty()) {
            return result;
        }
        List<GraphQLError> errors = new ArrayList<>();
        var path = env.getExecutionStepInfo().getPath();
        for (UpstreamCalls.Problem problem : problems) {
            errors.add(problem.failure() != null ? UpstreamErrors.unavailable(problem.failure(), path)
                    : UpstreamErrors.relocate(problem.service(), problem.error(), path.toList(), Integer.MAX_VALUE));
        }
        if (result instanceof DataFetcherResult<?> r) {
            return r.transform(b -> b.errors(errors));
        }
        return DataFetcherResult.newResult().data(result).errors(errors).build();
    }
}
