package org.openkpi.gateway.composition;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;

/**
 * A scalar of a domain service that the gateway does not define itself: values pass through unchanged (the owning
 * service parses and checks them), so the gateway never reinterprets a service's custom scalar.
 */
final class PassThroughScalar {

    private PassThroughScalar() {
    }

    static GraphQLScalarType named(String name, String description) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description == null ? "A scalar of a domain service, passed through unchanged" : description)
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        return value;
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                        return input;
                    }

                    @Override
                    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                            Locale locale) {
                        return literal(input, variables);
                    }

                    @Override
                    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                        if (input == null) return NullValue.of();
                        if (input instanceof Boolean b) return BooleanValue.of(b);
                        if (input instanceof BigDecimal d) return FloatValue.of(d.doubleValue());
                        if (input instanceof Number n) return IntValue.of(n.intValue());
                        return StringValue.of(input.toString());
                    }
                })
                .build();
    }

    static Object literal(Value<?> input, CoercedVariables variables) {
        if (input instanceof StringValue s) return s.getValue();
        if (input instanceof IntValue i) return i.getValue();
        if (input instanceof FloatValue f) return f.getValue();
        if (input instanceof BooleanValue b) return b.isValue();
        if (input instanceof EnumValue e) return e.getName();
        if (input instanceof NullValue) return null;
        if (input instanceof VariableReference v) return variables == null ? null : variables.get(v.getName());
        if (input instanceof ArrayValue a) return a.getValues().stream().map(v -> literal(v, variables)).toList();
        if (input instanceof ObjectValue o) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (ObjectField field : o.getObjectFields()) {
                map.put(field.getName(), literal(field.getValue(), variables));
            }
            return map;
        }
        return List.of();
    }
}
