package org.openkpi.acquisition.api.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.execution.AbortExecutionException;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.TypeFromAST;
import graphql.execution.ValuesResolver;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ObjectValue;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import graphql.validation.ValidationError;
import jakarta.json.Json;

/**
 * Rewrites every error of an execution result that has no {@code code} extension (graphql-java's own errors; the
 * service's {@link ApiException}s already have one), keeping message, locations and path:
 * <ul>
 * <li>the depth and complexity limits and the parser's token/size limits: {@code LIMIT_EXCEEDED};</li>
 * <li>syntax, validation and input coercion errors (unknown enum value, wrong scalar type, missing required field,
 * NaN/Infinity...): {@code VALIDATION}, with {@code index} (and {@code field}) when an element of a list argument is
 * at fault, found from the message ({@code events[3].amount}) or, for variables, by coercing each element again;</li>
 * <li>anything else: {@code INTERNAL} with a message that tells nothing about the internals.</li>
 * </ul>
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    private static final Pattern ELEMENT = Pattern.compile("'?(\\w+)(?:\\[(\\d+)\\]|/(\\d+))((?:(?:\\.|/)\\w+|\\[\\d+\\])*)");
    /** SmallRye's message when an input object could not be converted to its Java type (TransformException). */
    private static final Pattern TRANSFORMED = Pattern.compile("^argument '(\\w+)' with value 'StringValue\\{value=");
    /** graphql-java's messages may quote a rejected value: never more than this. */
    private static final int MAX_MESSAGE = 300;
    private static final Set<String> NUMBERS = Set.of("Int", "Float", "BigInteger", "BigDecimal", "Long", "Short", "Byte");
    private static final Pattern VARIABLE = Pattern.compile("^Variable '(\\w+)' has (an )?invalid value");

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        List<GraphQLError> errors = result.getErrors();
        if (errors == null || errors.isEmpty() || errors.stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> recoded = new ArrayList<>(errors.size());
        for (GraphQLError e : errors) {
            if (e.getErrorType() == ErrorType.NullValueInNonNullableField && explainedElsewhere(e, errors)) {
                continue;
            }
            recoded.add(hasCode(e) ? e : recode(e, parameters));
        }
        return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().from(result).errors(recoded).build());
    }

    /**
     * A non-null field that is null because of another error (SmallRye reports a failed argument conversion without a
     * path, so graphql-java adds this one too) is that error's consequence, not a second failure.
     */
    static boolean explainedElsewhere(GraphQLError nullError, List<GraphQLError> errors) {
        for (GraphQLError other : errors) {
            if (other != nullError && other.getErrorType() != ErrorType.NullValueInNonNullableField
                    && (other.getPath() == null || other.getPath().isEmpty() || other.getPath().equals(nullError.getPath()))) {
                return true;
            }
        }
        return false;
    }

    static boolean hasCode(GraphQLError e) {
        Map<String, Object> extensions = e.getExtensions();
        return extensions != null && extensions.get("code") != null;
    }

    static GraphQLError recode(GraphQLError e, InstrumentationExecutionParameters parameters) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (isLimit(e, message)) {
            extensions.put("code", ErrorCode.LIMIT_EXCEEDED.name());
        } else if (isValidation(e)) {
            extensions.put("code", ErrorCode.VALIDATION.name());
            Location at = locate(message, e.getPath(), parameters);
            if (at != null) {
                extensions.put("index", Json.createValue(at.index()));
                if (at.field() != null) {
                    extensions.put("field", at.field());
                }
            }
            Matcher transformed = TRANSFORMED.matcher(message);
            if (transformed.find()) {
                // SmallRye's message quotes the whole input object and names a Java class
                message = at == null ? "argument '" + transformed.group(1) + "': a value does not have the declared type"
                        : "element " + at.index() + (at.field() == null ? "" : ", " + at.field()) + ": not a value of the declared type";
            }
        } else {
            extensions.put("code", ErrorCode.INTERNAL.name());
            message = "internal error";
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return new CodedError(message, e.getLocations(), e.getPath(), extensions, e.getErrorType());
    }

    static boolean isLimit(GraphQLError e, String message) {
        String m = message.toLowerCase(Locale.ROOT);
        // graphql-java's good-faith introspection check (a DoS guard like the limits)
        if (e.getErrorType() != null && String.valueOf(e.getErrorType().toSpecification(e)).contains("BadFaithIntrospection")) {
            return true;
        }
        return m.startsWith("maximum query depth exceeded") || m.startsWith("maximum query complexity exceeded")
                || (e instanceof AbortExecutionException && m.contains("maximum query"))
                || m.contains("'grammar' tokens") || m.contains("'whitespace' tokens")
                || (m.contains("more than") && m.contains("characters")) || m.contains("too deep");
    }

    static boolean isValidation(GraphQLError e) {
        return e instanceof ValidationError || e instanceof InvalidSyntaxError || e instanceof CoercingParseValueException
                || e instanceof CoercingParseLiteralException || e instanceof NonNullableValueCoercedAsNullException
                || e instanceof InputMapDefinesTooManyFieldsException
                || e.getErrorType() == ErrorType.ValidationError || e.getErrorType() == ErrorType.InvalidSyntax;
    }

    record Location(int index, String field) {
    }

    /** The element of a list argument at fault, or null when the error is not about one. */
    static Location locate(String message, List<Object> path, InstrumentationExecutionParameters parameters) {
        Matcher transformed = TRANSFORMED.matcher(message);
        if (transformed.find()) {
            try {
                return locateUnconvertible(transformed.group(1), path, parameters);
            } catch (RuntimeException ignored) {
                return null;
            }
        }
        Matcher variable = VARIABLE.matcher(message);
        if (variable.find()) {
            try {
                return locateInVariable(variable.group(1), parameters);
            } catch (RuntimeException ignored) {
                return null;
            }
        }
        Matcher element = ELEMENT.matcher(message);
        if (element.find()) {
            int index = Integer.parseInt(element.group(2) != null ? element.group(2) : element.group(3));
            String rest = element.group(4);
            String field = null;
            if (rest != null && !rest.isEmpty()) {
                Matcher first = Pattern.compile("^[./](\\w+)").matcher(rest);
                field = first.find() ? first.group(1) : null;
            }
            return new Location(index, field);
        }
        return null;
    }

    /**
     * SmallRye names the argument but not the element it could not convert (a string that is not a number, NaN or
     * Infinity into a number...): the first element of the argument's list with such a field is the one.
     */
    static Location locateUnconvertible(String argument, List<Object> path, InstrumentationExecutionParameters parameters) {
        Document document = Parser.parse(parameters.getQuery());
        OperationDefinition operation = operation(document, parameters.getOperation());
        if (operation == null) {
            return null;
        }
        String rootName = path != null && !path.isEmpty() ? String.valueOf(path.get(0)) : null;
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || (rootName != null && !rootName.equals(field.getResultKey()))) {
                continue;
            }
            GraphQLObjectType root = operation.getOperation() == OperationDefinition.Operation.MUTATION ? parameters.getSchema().getMutationType()
                    : parameters.getSchema().getQueryType();
            GraphQLFieldDefinition definition = root == null ? null : root.getFieldDefinition(field.getName());
            GraphQLArgument declared = definition == null ? null : definition.getArgument(argument);
            Argument given = field.getArguments().stream().filter(a -> a.getName().equals(argument)).findFirst().orElse(null);
            if (declared == null || given == null) {
                continue;
            }
            GraphQLType type = GraphQLTypeUtil.unwrapNonNull(declared.getType());
            Object value = plain(given.getValue(), parameters.getVariables());
            if (!(type instanceof GraphQLList list) || !(value instanceof List<?> elements)
                    || !(GraphQLTypeUtil.unwrapNonNull(list.getWrappedType()) instanceof GraphQLInputObjectType object)) {
                return null;
            }
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof Map<?, ?> element) {
                    String bad = unconvertibleField(element, object);
                    if (bad != null) {
                        return new Location(i, bad);
                    }
                }
            }
        }
        return null;
    }

    private static String unconvertibleField(Map<?, ?> element, GraphQLInputObjectType object) {
        for (GraphQLInputObjectField f : object.getFieldDefinitions()) {
            Object v = element.get(f.getName());
            GraphQLType t = GraphQLTypeUtil.unwrapNonNull(f.getType());
            if (v == null) {
                continue;
            }
            if (t instanceof GraphQLScalarType scalar && NUMBERS.contains(scalar.getName())) {
                if (v instanceof Map || v instanceof List || v instanceof Boolean) {
                    return f.getName();
                }
                if (v instanceof Number n && !"BigDecimal".equals(scalar.getName()) && !"Float".equals(scalar.getName())) {
                    // the integer scalars back Java int/long fields here: no fraction, within long
                    java.math.BigDecimal d = new java.math.BigDecimal(n.toString());
                    if (d.stripTrailingZeros().scale() > 0 || d.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                        return f.getName();
                    }
                } else if (!(v instanceof Number)) {
                    try {
                        new java.math.BigDecimal(v.toString().strip());
                    } catch (NumberFormatException e) {
                        return f.getName();
                    }
                }
            } else if (t instanceof GraphQLScalarType && (v instanceof Map || v instanceof List)) {
                return f.getName();
            } else if (t instanceof GraphQLList && !(v instanceof List)) {
                return f.getName();
            } else if (t instanceof GraphQLInputObjectType && !(v instanceof Map)) {
                return f.getName();
            }
        }
        return null;
    }

    /** An argument's literal (or the variable it names) as plain Java values. */
    private static Object plain(Value<?> value, Map<String, Object> variables) {
        if (value instanceof VariableReference ref) {
            return variables.get(ref.getName());
        } else if (value instanceof StringValue v) {
            return v.getValue();
        } else if (value instanceof IntValue v) {
            return v.getValue();
        } else if (value instanceof FloatValue v) {
            return v.getValue();
        } else if (value instanceof BooleanValue v) {
            return v.isValue();
        } else if (value instanceof EnumValue v) {
            return v.getName();
        } else if (value instanceof ArrayValue v) {
            List<Object> out = new ArrayList<>();
            v.getValues().forEach(x -> out.add(plain(x, variables)));
            return out;
        } else if (value instanceof ObjectValue v) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.getObjectFields().forEach(f -> out.put(f.getName(), plain(f.getValue(), variables)));
            return out;
        }
        return null;
    }

    private static OperationDefinition operation(Document document, String name) {
        for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (name == null || name.equals(op.getName())) {
                return op;
            }
        }
        return null;
    }

    /** Coerces the variable's list elements one by one to find the first bad element and its bad field. */
    static Location locateInVariable(String name, InstrumentationExecutionParameters parameters) {
        Object value = parameters.getVariables().get(name);
        if (!(value instanceof List<?> elements)) {
            return null;
        }
        GraphQLSchema schema = parameters.getSchema();
        OperationDefinition operation = operation(Parser.parse(parameters.getQuery()), parameters.getOperation());
        VariableDefinition definition = null;
        for (VariableDefinition d : operation == null ? List.<VariableDefinition> of() : operation.getVariableDefinitions()) {
            if (d.getName().equals(name)) {
                definition = d;
            }
        }
        if (definition == null) {
            return null;
        }
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(TypeFromAST.getTypeFromAST(schema, definition.getType()));
        if (!(type instanceof GraphQLList list)) {
            return null;
        }
        GraphQLInputType elementType = (GraphQLInputType) list.getWrappedType();
        GraphQLContext context = GraphQLContext.getDefault();
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            if (coerces(element, elementType, context)) {
                continue;
            }
            return new Location(i, badField(element, GraphQLTypeUtil.unwrapNonNull(elementType), context));
        }
        return null;
    }

    private static String badField(Object element, GraphQLType type, GraphQLContext context) {
        if (!(type instanceof GraphQLInputObjectType object) || !(element instanceof Map<?, ?> fields)) {
            return null;
        }
        for (Object key : fields.keySet()) {
            if (object.getField(String.valueOf(key)) == null) {
                return String.valueOf(key);
            }
        }
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            boolean present = fields.containsKey(field.getName());
            Object v = fields.get(field.getName());
            if ((!present || v == null) && GraphQLTypeUtil.isNonNull(field.getType()) && !field.hasSetDefaultValue()) {
                return field.getName();
            }
            if (v != null && !coerces(v, field.getType(), context)) {
                return field.getName();
            }
        }
        return null;
    }

    private static boolean coerces(Object value, GraphQLInputType type, GraphQLContext context) {
        try {
            ValuesResolver.externalValueToInternalValue(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY, value, type, context,
                    Locale.getDefault());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
