package org.openkpi.retention.api.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.TypeFromAST;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;

/**
 * Finds where a variable's value fails coercion: graphql-java says only "Variable 'events' has an invalid value: ...",
 * so the value is walked against the variable's type to name the first offending list element and input field (for
 * {@code extensions.index} and {@code field}). Runs only for requests that already failed.
 */
final class VariableFaults {

    /** The path to the fault: list indexes and field names, e.g. [2, "amount"]. */
    record Fault(List<Object> path) {
        Integer index() {
            return path.stream().filter(Integer.class::isInstance).map(Integer.class::cast).findFirst().orElse(null);
        }

        String field() {
            for (int i = path.size() - 1; i >= 0; i--) {
                if (path.get(i) instanceof String s) {
                    return s;
                }
            }
            return null;
        }
    }

    private static final java.util.Set<String> NUMBERS = java.util.Set.of("Int", "Float", "BigDecimal", "BigInteger", "Long", "Short", "Byte");

    private VariableFaults() {
    }

    private static final java.util.Set<String> INTEGERS = java.util.Set.of("Int", "BigInteger", "Long", "Short", "Byte");

    private static boolean integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return true;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new java.math.BigDecimal(value.toString().strip()).stripTrailingZeros().scale() <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true; // booleans, objects: graphql-java's coercion reports them
    }

    private static boolean finiteNumber(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        if (value instanceof Number) {
            return true;
        }
        if (value instanceof String s) {
            try {
                new java.math.BigDecimal(s.strip());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** The first fault in the named variable, or in any variable when {@code variable} is null. */
    static Fault find(GraphQLSchema schema, String query, Map<String, Object> variables, String variable) {
        try {
            Document document = Parser.parse(query);
            for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
                for (VariableDefinition def : op.getVariableDefinitions()) {
                    if (variable == null && variables.containsKey(def.getName())) {
                        GraphQLType type = TypeFromAST.getTypeFromAST(schema, def.getType());
                        Fault f = type == null ? null : walk(type, variables.get(def.getName()), new ArrayList<>(), false);
                        if (f != null) {
                            return f;
                        }
                    } else if (def.getName().equals(variable)) {
                        GraphQLType type = TypeFromAST.getTypeFromAST(schema, def.getType());
                        return type == null ? null : walk(type, variables.get(variable), new ArrayList<>(), false);
                    }
                }
            }
        } catch (RuntimeException e) {
            // best effort: without a fault the error keeps no index
        }
        return null;
    }

    /**
     * Before execution, the one fault graphql-java lets through: SmallRye's Int scalar truncates a fractional number
     * (7.5 becomes 7) and takes "NaN"-like strings to its own conversion. Only integer scalars are examined (cheap).
     */
    static Fault nonIntegers(GraphQLSchema schema, OperationDefinition operation, Map<String, Object> variables) {
        for (VariableDefinition def : operation.getVariableDefinitions()) {
            if (variables.containsKey(def.getName())) {
                GraphQLType type = TypeFromAST.getTypeFromAST(schema, def.getType());
                Fault f = type == null ? null : walk(type, variables.get(def.getName()), new ArrayList<>(), true);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** @param integersOnly examine only integer scalars (nulls, shapes and other scalars are graphql-java's to check) */
    private static Fault walk(GraphQLType type, Object value, List<Object> path, boolean integersOnly) {
        if (type instanceof GraphQLNonNull nonNull) {
            if (value == null) {
                return integersOnly ? null : new Fault(List.copyOf(path));
            }
            return walk(nonNull.getWrappedType(), value, path, integersOnly);
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    path.add(i);
                    Fault f = walk(list.getWrappedType(), items.get(i), path, integersOnly);
                    path.remove(path.size() - 1);
                    if (f != null) {
                        return f;
                    }
                }
                return null;
            }
            return walk(list.getWrappedType(), value, path, integersOnly);
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> map)) {
                return integersOnly ? null : new Fault(List.copyOf(path));
            }
            for (Object key : integersOnly ? List.of() : map.keySet()) {
                if (object.getField(String.valueOf(key)) == null) {
                    path.add(String.valueOf(key));
                    return new Fault(List.copyOf(path));
                }
            }
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                path.add(field.getName());
                Fault f = walk(field.getType(), map.get(field.getName()), path, integersOnly);
                path.remove(path.size() - 1);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        if (integersOnly) {
            return type instanceof GraphQLScalarType scalar && INTEGERS.contains(scalar.getName()) && !integral(value)
                    ? new Fault(List.copyOf(path)) : null;
        }
        if (type instanceof GraphQLEnumType enumType) {
            return value instanceof String s && enumType.getValue(s) != null ? null : new Fault(List.copyOf(path));
        }
        if (type instanceof GraphQLScalarType scalar) {
            if (NUMBERS.contains(scalar.getName()) && !finiteNumber(value)) {
                // SmallRye's number scalars let strings through graphql-java; its own conversion then fails on NaN
                return new Fault(List.copyOf(path));
            }
            try {
                scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
                return null;
            } catch (RuntimeException e) {
                return new Fault(List.copyOf(path));
            }
        }
        return null;
    }
}
