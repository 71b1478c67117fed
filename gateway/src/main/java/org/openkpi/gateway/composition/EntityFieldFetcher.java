package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldsContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.openkpi.gateway.subgraph.SubgraphClient;
import org.openkpi.gateway.subgraph.SubgraphResponse;

/**
 * A field of a federated entity ({@code Customer}). When the service that produced the entity also owns the field,
 * the value is already in its answer. Otherwise the owning service is asked through federation's
 * {@code _entities(representations: [{__typename, id}])}, so the fields of one customer from four services are
 * fetched from the four at once.
 */
final class EntityFieldFetcher implements DataFetcher<Object> {

    private final Composition composition;
    private final SubgraphClient client;
    private final CurrentVertxRequest request;

    EntityFieldFetcher(Composition composition, SubgraphClient client, CurrentVertxRequest request) {
        this.composition = composition;
        this.client = client;
        this.request = request;
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        Map<?, ?> source = (Map<?, ?>) env.getSource();
        String key = env.getMergedField().getResultKey();
        if (source.containsKey(key)) {
            return source.get(key);
        }
        String type = ((GraphQLFieldsContainer) env.getParentType()).getName();
        String service = composition.entityFieldOwner(type, env.getField().getName());
        if (service == null) {
            return source.get(KEY(env));
        }
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("__typename", type);
        for (String keyField : composition.entityKey(type)) {
            representation.put(keyField, source.get(SelectionPrinter.KEY_ALIAS_PREFIX + keyField));
        }
        SelectionPrinter printer = new SelectionPrinter(composition, env.getGraphQLSchema(), env.getFragmentsByName(), service);
        printer.raw("_entities(representations: $gw_representations) { ... on " + type + " { ");
        for (Field field : env.getMergedField().getFields()) {
            printer.field(field, key, (GraphQLFieldsContainer) env.getParentType(), true);
        }
        printer.raw("} }");
        String query = "query" + SelectionPrinter.declarations(printer.variables(),
                env.getOperationDefinition().getVariableDefinitions(), "$gw_representations: [_Any!]!")
                + " { " + printer.body() + " }";
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : printer.variables()) {
            variables.put(name, env.getVariables().get(name));
        }
        variables.put("gw_representations", List.of(representation));
        String authorization = CallerToken.of(env, request);
        ResultPath path = env.getExecutionStepInfo().getPath();
        List<Object> prefix = path.toList();
        CompletableFuture<SubgraphResponse> response = client.execute(service, query, variables, authorization);
        return response.handle((answer, failure) -> {
            if (failure != null) {
                return UpstreamErrors.failed(failure, path);
            }
            List<GraphQLError> errors = new ArrayList<>();
            for (Map<String, Object> error : answer.errors()) {
                // the service's path is [_entities, 0, <key>, ...]: the part after the key follows the gateway path
                errors.add(UpstreamErrors.relocate(service, error, prefix, 3));
            }
            Object value = null;
            if (answer.data() != null && answer.data().get("_entities") instanceof List<?> entities && !entities.isEmpty()
                    && entities.get(0) instanceof Map<?, ?> entity) {
                value = entity.get(key);
            }
            return DataFetcherResult.newResult().data(value).errors(errors).build();
        });
    }

    private static String KEY(DataFetchingEnvironment env) {
        return SelectionPrinter.KEY_ALIAS_PREFIX + env.getField().getName();
    }
}
