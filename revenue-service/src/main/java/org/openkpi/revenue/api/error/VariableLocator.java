package org.openkpi.revenue.api.error;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.TypeFromAST;
import graphql.execution.ValuesResolver;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.InputValueWithState;

/**
 * graphql-java reports a variable that does not coerce as "Variable 'x' has an invalid value: ..." without saying which
 * element of a list variable is at fault. Only on that error path, this coerces the variable's elements one by one to
 * find the first bad element (index) and, for an input object, its first bad field (field).
 */
final class VariableLocator {

    private static final Pattern VARIABLE = Pattern.compile("^Variable '([A-Za-z_][A-Za-z0-9_]*)' has (?:an )?invalid value");

    private VariableLocator() {
    }

    static void locate(String message, InstrumentationExecutionParameters parameters, Map<String, Object> extensions) {
        Matcher m = VARIABLE.matcher(message);
        if (parameters == null || !m.find()) {
            return;
        }
        try {
            String name = m.group(1);
            Object raw = parameters.getVariables() == null ? null : parameters.getVariables().get(name);
            GraphQLType type = variableType(parameters, name);
            if (!(raw instanceof List<?> elements) || type == null) {
                return;
            }
            GraphQLType list = GraphQLTypeUtil.unwrapNonNull(type);
            if (!(list instanceof GraphQLList)) {
                return;
            }
            GraphQLInputType elementType = (GraphQLInputType) ((GraphQLList) list).getWrappedType();
            for (int i = 0; i < elements.size(); i++) {
                Object element = elements.get(i);
                if (!coerces(elementType, element)) {
                    extensions.put("index", i);
                    String field = badField(elementType, element);
                    if (field != null) {
                        extensions.put("field", field);
                    }
                    return;
                }
            }
        } catch (RuntimeException e) {
            // best effort: the error keeps its code without index
        }
    }

    /**
     * Finds the first element of a list variable with a number field (BigDecimal, BigInteger, Int, Float) holding a
     * string that is not a finite decimal number ("abc", "NaN", "Infinity"); returns a message naming it, or null.
     */
    static String locateNumber(InstrumentationExecutionParameters parameters, Map<String, Object> extensions) {
        if (parameters == null || parameters.getVariables() == null) {
            return null;
        }
        try {
            Document document = Parser.parse(parameters.getQuery());
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                for (VariableDefinition definition : operation.getVariableDefinitions()) {
                    GraphQLType type = GraphQLTypeUtil.unwrapNonNull(
                            TypeFromAST.getTypeFromAST(parameters.getSchema(), definition.getType()));
                    Object raw = parameters.getVariables().get(definition.getName());
                    if (!(type instanceof GraphQLList list) || !(raw instanceof List<?> elements)
                            || !(GraphQLTypeUtil.unwrapNonNull(list.getWrappedType()) instanceof GraphQLInputObjectType object)) {
                        continue;
                    }
                    for (int i = 0; i < elements.size(); i++) {
                        if (!(elements.get(i) instanceof Map<?, ?> fields)) {
                            continue;
                        }
                        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                            Object value = fields.get(field.getName());
                            GraphQLType scalar = GraphQLTypeUtil.unwrapNonNull(field.getType());
                            if (value instanceof String text && scalar instanceof graphql.schema.GraphQLScalarType st
                                    && NUMBERS.contains(st.getName()) && !isDecimal(text)) {
                                extensions.put("index", i);
                                extensions.put("field", field.getName());
                                return "element " + i + ", " + field.getName() + ": not a finite decimal number";
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // best effort
        }
        return null;
    }

    private static final java.util.Set<String> NUMBERS = java.util.Set.of("BigDecimal", "BigInteger", "Int", "Float", "Long",
            "Short", "Byte");

    private static boolean isDecimal(String text) {
        try {
            new java.math.BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static GraphQLType variableType(InstrumentationExecutionParameters parameters, String name) {
        Document document = Parser.parse(parameters.getQuery());
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            for (VariableDefinition definition : operation.getVariableDefinitions()) {
                if (definition.getName().equals(name)) {
                    return TypeFromAST.getTypeFromAST(parameters.getSchema(), definition.getType());
                }
            }
        }
        return null;
    }

    private static String badField(GraphQLInputType elementType, Object element) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(elementType);
        if (!(unwrapped instanceof GraphQLInputObjectType object) || !(element instanceof Map<?, ?> fields)) {
            return null;
        }
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
            GraphQLInputObjectField field = object.getField(String.valueOf(entry.getKey()));
            if (field == null || !coerces(field.getType(), entry.getValue())) {
                return String.valueOf(entry.getKey());
            }
        }
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            if (GraphQLTypeUtil.isNonNull(field.getType()) && fields.get(field.getName()) == null && !field.hasSetDefaultValue()) {
                return field.getName();
            }
        }
        return null;
    }

    private static boolean coerces(GraphQLInputType type, Object value) {
        if (value == null) {
            return !(type instanceof GraphQLNonNull);
        }
        try {
            ValuesResolver.valueToInternalValue(InputValueWithState.newExternalValue(value), type, GraphQLContext.getDefault(),
                    Locale.ROOT);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
