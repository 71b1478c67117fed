package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionContext;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultPath;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Holds a service's answer, passed on as JSON by {@link ForwardedQueries}, to the non-null types of the gateway's
 * schema, as graphql-java's execution does for an answer it resolves field by field: a null (or a missing value)
 * where the type allows none makes the nearest nullable enclosing value null, with an {@code INTERNAL} error at the
 * null's path naming the service, unless the service already reported an error there. The services answer with the
 * schemas the gateway composed, so this finds something only when a service's live schema has drifted from the
 * gateway's snapshot of it. Leaf values are not re-checked (the services produce them with the same scalar types);
 * interfaces and unions are not descended into (no service passes one on: {@code _Entity} is the gateway's own
 * business, see {@link EntityFieldFetcher}).
 */
final class NonNullCheck {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final FieldCollector FIELDS = new FieldCollector();

    private final ExecutionContext context;
    private final String service;
    private final Set<ResultPath> reported;
    private final List<GraphQLError> errors = new ArrayList<>();
    private final Map<MergedField, MergedSelectionSet> selections = new IdentityHashMap<>();

    /** @param reported the paths where the service reported errors (no second error is added there) */
    NonNullCheck(ExecutionContext context, String service, Set<ResultPath> reported) {
        this.context = context;
        this.service = service;
        this.reported = reported;
    }

    /** @return the root field's value, with nulls propagated where the service broke the schema; null for a null */
    Object rootField(Object value, MergedField field, String key) {
        GraphQLOutputType type = context.getGraphQLSchema().getQueryType().getFieldDefinition(field.getName()).getType();
        JsonValue checked = check(value instanceof JsonValue json ? json : null, type, field, ResultPath.rootPath().segment(key));
        return checked == null || checked == JsonValue.NULL ? null : checked;
    }

    /** @return the errors for the nulls found */
    List<GraphQLError> errors() {
        return errors;
    }

    /**
     * @return {@code value} when it holds to the type, a copy with nulls propagated inside it, or null (Java) when
     *         it is itself a null the type does not allow, which the enclosing value must take up
     */
    private JsonValue check(JsonValue value, GraphQLOutputType type, MergedField field, ResultPath path) {
        boolean nonNull = GraphQLTypeUtil.isNonNull(type);
        GraphQLOutputType inner = (GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(type);
        if (value == null || value == JsonValue.NULL) {
            if (nonNull) {
                report(path);
                return null;
            }
            return JsonValue.NULL;
        }
        JsonValue checked = value;
        if (inner instanceof GraphQLList list && value instanceof JsonArray array) {
            checked = list(array, (GraphQLOutputType) list.getWrappedType(), field, path);
        } else if (inner instanceof GraphQLObjectType object && value instanceof JsonObject json) {
            checked = object(json, object, field, path);
        }
        return checked != null ? checked : nonNull ? null : JsonValue.NULL;
    }

    private JsonValue list(JsonArray array, GraphQLOutputType itemType, MergedField field, ResultPath path) {
        JsonArrayBuilder copy = null;
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            JsonValue checked = check(item, itemType, field, path.segment(i));
            if (checked == null) {
                return null;
            }
            if (checked != item && copy == null) {
                copy = JSON.createArrayBuilder(array);
            }
            if (copy != null) {
                copy.set(i, checked);
            }
        }
        return copy == null ? array : copy.build();
    }

    private JsonValue object(JsonObject json, GraphQLObjectType type, MergedField field, ResultPath path) {
        MergedSelectionSet selected = selections.computeIfAbsent(field, f -> FIELDS.collectFields(
                FieldCollectorParameters.newParameters()
                        .schema(context.getGraphQLSchema())
                        .objectType(type)
                        .fragments(context.getFragmentsByName())
                        .variables(context.getCoercedVariables().toMap())
                        .graphQLContext(context.getGraphQLContext())
                        .build(), f));
        Map<String, JsonValue> changed = null;
        for (String key : selected.getKeys()) {
            MergedField child = selected.getSubField(key);
            if (child.getName().startsWith("__")) {
                continue;
            }
            JsonValue value = json.get(key);
            JsonValue checked = check(value, type.getFieldDefinition(child.getName()).getType(), child, path.segment(key));
            if (checked == null) {
                return null;
            }
            if (checked != value) { // a missing value is written as null, as field-by-field execution does
                changed = changed == null ? new LinkedHashMap<>() : changed;
                changed.put(key, checked);
            }
        }
        if (changed == null) {
            return json;
        }
        JsonObjectBuilder copy = JSON.createObjectBuilder(json);
        changed.forEach(copy::add);
        return copy.build();
    }

    private void report(ResultPath path) {
        if (reported.add(path)) {
            errors.add(GraphqlErrorBuilder.newError()
                    .message("%s-service answered null at %s, which the schema does not allow", service, path)
                    .path(path).errorType(ErrorType.DataFetchingException)
                    .extensions(Map.of("code", "INTERNAL", "service", service))
                    .build());
        }
    }
}
