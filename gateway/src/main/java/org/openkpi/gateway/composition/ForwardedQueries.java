package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.openkpi.gateway.subgraph.SubgraphClient;
import org.openkpi.gateway.subgraph.SubgraphResponse;
import org.openkpi.gateway.subgraph.UpstreamException;

/**
 * The gateway's query execution strategy. A query whose root fields all belong to the domain services (no field of
 * the gateway's own, no {@code __typename} at the root, no entity whose fields other services resolve) needs nothing
 * from the gateway but routing: each service is sent its fields as one operation, all at once, and its answer is
 * passed on as the JSON it sent, under the client's response keys, instead of being walked field by field (which,
 * for a dashboard's year of monthly series from four domains, was most of the gateway's own time per request).
 * <p>
 * The answer is the one {@link ForwardingFetcher} gives through the general strategy, which every other query takes:
 * the same operation is sent to each service, a service's errors are placed and named the same way, the fields of a
 * service that failed are null with {@code UPSTREAM_UNAVAILABLE}, and a null non-null root field makes
 * {@code data} null. Parsing, validation and the query limits run before either strategy.
 */
final class ForwardedQueries extends ExecutionStrategy {

    private final ExecutionStrategy general;
    private final Composition composition;
    private final SubgraphClient client;
    private final CurrentVertxRequest request;

    ForwardedQueries(ExecutionStrategy general, Composition composition, SubgraphClient client, CurrentVertxRequest request) {
        this.general = general;
        this.composition = composition;
        this.client = client;
        this.request = request;
    }

    /** The root fields one service answers: their response keys, sorted (the first one carries unplaced errors). */
    private record Call(String service, List<String> keys, CompletableFuture<SubgraphResponse> response) {
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        List<Call> calls = context.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY
                ? send(context, parameters.getFields()) : null;
        return calls == null ? general.execute(context, parameters) : answer(context, parameters.getFields(), calls);
    }

    /** @return the calls made, or null (nothing sent) when the query needs the general strategy */
    private List<Call> send(ExecutionContext context, MergedSelectionSet fields) {
        Map<String, Map<String, MergedField>> byService = new TreeMap<>();
        for (String key : fields.getKeys()) {
            MergedField field = fields.getSubField(key);
            Composition.RootField owner = composition.queries().get(field.getName());
            if (owner == null) {
                return null;
            }
            byService.computeIfAbsent(owner.service(), s -> new TreeMap<>()).put(key, field);
        }
        if (byService.isEmpty()) {
            return null;
        }
        GraphQLObjectType root = context.getGraphQLSchema().getQueryType();
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        Map<String, ServiceOperation> operations = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, MergedField>> service : byService.entrySet()) {
            List<Field> selected = new ArrayList<>();
            service.getValue().values().forEach(field -> selected.addAll(field.getFields()));
            ServiceOperation operation = ServiceOperation.print(composition, context.getGraphQLSchema(),
                    context.getFragmentsByName(), service.getKey(), root, selected, "query",
                    context.getOperationDefinition().getVariableDefinitions(), variables);
            if (operation.entities()) {
                return null;
            }
            operations.put(service.getKey(), operation);
        }
        String authorization = CallerToken.of(context.getGraphQLContext(), request);
        List<Call> calls = new ArrayList<>();
        operations.forEach((service, operation) -> calls.add(new Call(service, List.copyOf(byService.get(service).keySet()),
                client.executeKeepingJson(service, operation.query(), operation.variables(), authorization))));
        return calls;
    }

    private static CompletableFuture<ExecutionResult> answer(ExecutionContext context, MergedSelectionSet fields, List<Call> calls) {
        CompletableFuture<?>[] all = calls.stream().map(Call::response).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).handle((done, ignored) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, List<GraphQLError>> errors = new LinkedHashMap<>();
            for (Call call : calls) {
                collect(context, call, fields, values, errors);
            }
            GraphQLObjectType root = context.getGraphQLSchema().getQueryType();
            Map<String, Object> data = new LinkedHashMap<>();
            List<GraphQLError> ordered = new ArrayList<>();
            boolean nullData = false;
            for (String key : fields.getKeys()) {
                Object value = values.get(key);
                data.put(key, value);
                ordered.addAll(errors.getOrDefault(key, List.of()));
                // null propagates from a non-null root field to the whole of data (GraphQL spec, "Handling Field Errors")
                nullData |= value == null && GraphQLTypeUtil.isNonNull(root.getFieldDefinition(fields.getSubField(key).getName()).getType());
            }
            return ExecutionResult.newExecutionResult().data(nullData ? null : data).errors(ordered).build();
        });
    }

    /** The values and errors of one service's answer, by response key. */
    private static void collect(ExecutionContext context, Call call, MergedSelectionSet fields, Map<String, Object> values,
            Map<String, List<GraphQLError>> errors) {
        SubgraphResponse response;
        try {
            response = call.response().join();
        } catch (CompletionException | CancellationException failure) {
            Throwable cause = UpstreamErrors.cause(failure);
            for (String key : call.keys()) {
                ResultPath path = ResultPath.rootPath().segment(key);
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add(cause instanceof UpstreamException upstream
                        ? UpstreamErrors.unavailable(upstream, path)
                        : new ExceptionWhileDataFetching(path, cause, fields.getSubField(key).getSingleField().getSourceLocation()));
            }
            return;
        }
        Set<ResultPath> reported = new HashSet<>();
        for (Map<String, Object> error : response.errors()) {
            Object upstreamPath = error.get("path");
            GraphQLError placed = null;
            if (upstreamPath instanceof List<?> list && !list.isEmpty()) {
                if (call.keys().contains(String.valueOf(list.get(0)))) {
                    placed = UpstreamErrors.relocate(call.service(), error, List.of(String.valueOf(list.get(0))), 1);
                }
            } else {
                placed = UpstreamErrors.relocate(call.service(), error, List.of(call.keys().get(0)), 0);
            }
            if (placed != null) {
                errors.computeIfAbsent((String) placed.getPath().get(0), k -> new ArrayList<>()).add(placed);
                reported.add(ResultPath.fromList(placed.getPath()));
            }
        }
        NonNullCheck check = new NonNullCheck(context, call.service(), reported);
        for (String key : call.keys()) {
            Object value = response.data() == null ? null : response.data().get(key);
            values.put(key, check.rootField(value, fields.getSubField(key), key));
        }
        for (GraphQLError error : check.errors()) {
            errors.computeIfAbsent((String) error.getPath().get(0), k -> new ArrayList<>()).add(error);
        }
    }
}
