package org.openkpi.support.api.error;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;

/**
 * Checks raw variable values strictly against their declared types and finds the first fault, e.g. {@code [3, "rating"]}
 * (element 3, field rating). Used before execution for every variable ({@link ErrorCodeInstrumentation}, one pass over
 * the values) and, when graphql-java refused a variable ("Variable 'x' has an invalid value: ..." names neither element
 * nor field), to name them.
 */
final class InputFault {

    private InputFault() {
    }

    /** The path inside variable {@code name} of its first fault, or null when none is found. */
    static List<Object> locate(GraphQLSchema schema, String query, Map<String, Object> variables, String name) {
        if (query == null || variables == null || !variables.containsKey(name)) {
            return null;
        }
        try {
            Document document = new Parser().parseDocument(query);
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                for (VariableDefinition definition : operation.getVariableDefinitions()) {
                    if (definition.getName().equals(name)) {
                        GraphQLType type = resolve(schema, definition.getType());
                        return type == null ? null : fault(type, variables.get(name));
                    }
                }
            }
        } catch (RuntimeException e) {
            // best effort: the error keeps its code without index
        }
        return null;
    }

    static GraphQLType resolve(GraphQLSchema schema, Type<?> type) {
        if (type instanceof NonNullType nn) {
            GraphQLType inner = resolve(schema, nn.getType());
            return inner == null ? null : GraphQLNonNull.nonNull(inner);
        }
        if (type instanceof ListType list) {
            GraphQLType inner = resolve(schema, list.getType());
            return inner == null ? null : GraphQLList.list(inner);
        }
        return type instanceof TypeName named ? schema.getType(named.getName()) : null;
    }

    /**
     * Whether a raw JSON value is of the scalar's type, strictly: a number is never a string and a string never a number
     * (SmallRye's number scalars would accept "5" for an Int and then fail late); integers fit; dates parse. Scalars not
     * listed (federation's _Any, ...) are left to graphql-java.
     */
    static boolean scalarOk(String scalar, Object value) {
        return switch (scalar) {
            case "String" -> value instanceof String;
            case "ID" -> value instanceof String || (value instanceof Number n && integral(n, Long.MIN_VALUE, Long.MAX_VALUE));
            case "Int" -> value instanceof Number n && integral(n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "Long" -> value instanceof Number n && integral(n, Long.MIN_VALUE, Long.MAX_VALUE);
            case "BigInteger" -> value instanceof Number n && decimal(n) != null && decimal(n).stripTrailingZeros().scale() <= 0;
            case "Float", "BigDecimal" -> value instanceof Number n && decimal(n) != null;
            case "Boolean" -> value instanceof Boolean;
            case "Date" -> value instanceof String s && parses(() -> LocalDate.parse(s));
            case "DateTime" -> value instanceof String s && parses(() -> OffsetDateTime.parse(s));
            default -> true;
        };
    }

    private static boolean integral(Number n, long min, long max) {
        BigDecimal d = decimal(n);
        return d != null && d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(min)) >= 0
                && d.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    /** The exact value of a finite number, null for NaN or an infinity. */
    private static BigDecimal decimal(Number n) {
        try {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The path of the first fault in {@code value}, empty for the value itself, null when it is fine. */
    static List<Object> fault(GraphQLType type, Object value) {
        if (type instanceof GraphQLNonNull nonNull) {
            return value == null ? new ArrayList<>() : fault(nonNull.getWrappedType(), value);
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            if (value instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    List<Object> inner = fault(list.getWrappedType(), values.get(i));
                    if (inner != null) {
                        inner.add(0, i);
                        return inner;
                    }
                }
                return null;
            }
            return fault(list.getWrappedType(), value);
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> map)) {
                return new ArrayList<>();
            }
            for (Object key : map.keySet()) {
                if (object.getField(String.valueOf(key)) == null) {
                    List<Object> path = new ArrayList<>();
                    path.add(String.valueOf(key));
                    return path;
                }
            }
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                Object v = map.get(field.getName());
                if (v == null && !map.containsKey(field.getName()) && field.hasSetDefaultValue()) {
                    continue;
                }
                List<Object> inner = fault(field.getType(), v);
                if (inner != null) {
                    inner.add(0, field.getName());
                    return inner;
                }
            }
            return null;
        }
        if (type instanceof GraphQLScalarType scalar) {
            return scalarOk(scalar.getName(), value) ? null : new ArrayList<>();
        }
        if (type instanceof GraphQLEnumType enumType) {
            return value instanceof String name && enumType.getValue(name) != null ? null : new ArrayList<>();
        }
        return null;
    }
}
