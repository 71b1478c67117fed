package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldsContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.openkpi.gateway.subgraph.SubgraphClient;
import org.openkpi.gateway.subgraph.SubgraphResponse;

/**
 * Resolves a root field of a domain service by asking that service. All root query fields of one request that
 * belong to the same service go out as one operation (the first of them sends it, the others share the answer), and
 * the operations for different services go out at once, so a request costs one round trip per service, in
 * parallel. Mutation fields run one by one, in order, as GraphQL requires.
 */
final class ForwardingFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<Object>>> {

    private static final String BATCH_KEY = "org.openkpi.gateway.batch.";

    private final String service;
    private final Composition composition;
    private final SubgraphClient client;
    private final CurrentVertxRequest request;

    ForwardingFetcher(String service, Composition composition, SubgraphClient client, CurrentVertxRequest request) {
        this.service = service;
        this.composition = composition;
        this.client = client;
        this.request = request;
    }

    private record Batch(CompletableFuture<SubgraphResponse> response, String firstKey) {
    }

    @Override
    public CompletableFuture<DataFetcherResult<Object>> get(DataFetchingEnvironment env) {
        String authorization = CallerToken.of(env, request);
        String key = env.getMergedField().getResultKey();
        OperationDefinition operation = env.getOperationDefinition();
        Batch batch;
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            batch = send(env, env.getMergedField().getFields(), "mutation", authorization);
        } else {
            batch = env.getGraphQlContext().computeIfAbsent(BATCH_KEY + service,
                    k -> send(env, rootFields(env), "query", authorization));
        }
        ResultPath path = env.getExecutionStepInfo().getPath();
        return batch.response().handle((response, failure) -> {
            if (failure != null) {
                return UpstreamErrors.failed(failure, path);
            }
            List<GraphQLError> errors = new ArrayList<>();
            for (Map<String, Object> error : response.errors()) {
                Object upstreamPath = error.get("path");
                boolean mine = upstreamPath instanceof List<?> list && !list.isEmpty() && key.equals(list.get(0));
                boolean unplaced = !(upstreamPath instanceof List<?> list) || list.isEmpty();
                if (mine) {
                    errors.add(UpstreamErrors.relocate(service, error, List.of(key), 1));
                } else if (unplaced && key.equals(batch.firstKey())) {
                    errors.add(UpstreamErrors.relocate(service, error, List.of(key), 0));
                }
            }
            Object data = response.data() == null ? null : response.data().get(key);
            return DataFetcherResult.newResult().data(data).errors(errors).build();
        });
    }

    private Batch send(DataFetchingEnvironment env, List<Field> fields, String operationType, String authorization) {
        ServiceOperation operation = ServiceOperation.print(composition, env.getGraphQLSchema(), env.getFragmentsByName(),
                service, (GraphQLFieldsContainer) env.getParentType(), fields, operationType,
                env.getOperationDefinition().getVariableDefinitions(), env.getVariables());
        return new Batch(client.execute(service, operation.query(), operation.variables(), authorization),
                fields.get(0).getResultKey());
    }

    /** The client's root fields (fragments expanded, @skip/@include applied) that this service answers. */
    private List<Field> rootFields(DataFetchingEnvironment env) {
        List<Field> fields = new ArrayList<>();
        collect(env.getOperationDefinition().getSelectionSet(), env, fields);
        fields.sort((a, b) -> a.getResultKey().compareTo(b.getResultKey()));
        return fields;
    }

    private void collect(SelectionSet selectionSet, DataFetchingEnvironment env, List<Field> fields) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                if (included(field.getDirectives(), env)) {
                    Composition.RootField owner = composition.queries().get(field.getName());
                    if (owner != null && owner.service().equals(service)) {
                        fields.add(field);
                    }
                }
            } else if (selection instanceof InlineFragment inline) {
                if (included(inline.getDirectives(), env)) {
                    collect(inline.getSelectionSet(), env, fields);
                }
            } else if (selection instanceof FragmentSpread spread) {
                if (included(spread.getDirectives(), env)) {
                    collect(env.getFragmentsByName().get(spread.getName()).getSelectionSet(), env, fields);
                }
            }
        }
    }

    private static boolean included(List<Directive> directives, DataFetchingEnvironment env) {
        for (Directive directive : directives) {
            boolean skip = directive.getName().equals("skip");
            if (!skip && !directive.getName().equals("include")) {
                continue;
            }
            var argument = directive.getArgument("if");
            boolean condition = argument == null || (argument.getValue() instanceof BooleanValue b ? b.isValue()
                    : argument.getValue() instanceof VariableReference v && Boolean.TRUE.equals(env.getVariables().get(v.getName())));
            if (skip == condition) {
                return false;
            }
        }
        return true;
    }
}
