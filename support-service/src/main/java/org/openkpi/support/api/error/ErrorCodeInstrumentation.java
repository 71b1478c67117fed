package org.openkpi.support.api.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLType;

/**
 * Every error gets an {@code extensions.code}, and input is checked strictly before anything runs.
 * <p>
 * Before execution ({@link #beginExecuteOperation}): every variable's raw value is checked against its declared type
 * ({@link InputFault}: a number is never a string and a string never a number, integers fit, dates parse, enum values
 * exist); the first fault is a {@code VALIDATION} naming the element's {@code index} and the {@code field}. A single value
 * where a list is declared is a list of one, as GraphQL's input coercion says, and checked as its element.
 * <p>
 * After execution ({@link #instrumentExecutionResult}): every error without a {@code code} (graphql-java's own errors;
 * the service's {@link ApiException}s have one and are left alone) is rewritten:
 * <ul>
 * <li>the depth and complexity limits ({@link AbortExecutionException} "maximum query depth/complexity exceeded") and
 * the parser's token and character limits, and graphql-java's "good faith" introspection limits (e.g. {@code
 * __Type.fields} at most once per request): {@code LIMIT_EXCEEDED}, message kept;</li>
 * <li>other syntax, validation and coercion errors (unknown enum value, wrong scalar type, missing required field,
 * NaN/Infinity into a number): {@code VALIDATION}, with {@code index} (and {@code field}) when the message or path names
 * an element of a list argument ({@code events[3].type}, {@code events/3/type}) or the refused variable's value shows
 * it; a message that names Java types or is longer than 300 characters is replaced by a short one;</li>
 * <li>graphql-java's "non-null field was null", when another error explains it, is dropped;</li>
 * <li>anything else: {@code INTERNAL} with a generic message (graphql-java's message may name classes).</li>
 * </ul>
 * Locations and path are kept.
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    /** {@code events[3].type} in a message. */
    private static final Pattern ELEMENT = Pattern.compile("\\b([A-Za-z_]\\w*)\\[(\\d+)\\](?:\\.([A-Za-z_]\\w*))?");
    /** {@code events/3/type} in a path. */
    private static final Pattern ELEMENT_PATH = Pattern.compile("\\b([A-Za-z_]\\w*)/(\\d+)(?:/([A-Za-z_]\\w*))?");
    /** graphql-java's coercion errors of variables. */
    private static final Pattern VARIABLE = Pattern.compile("^Variable '([^']+)'");
    /** SmallRye's argument conversion errors, which echo the whole value and name Java types. */
    private static final Pattern ARGUMENT = Pattern.compile("^argument '([^']+)'");
    private static final int MAX_MESSAGE = 300;

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        OperationDefinition operation = context.getOperationDefinition();
        Map<String, Object> raw = context.getExecutionInput().getRawVariables().toMap();
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            String name = definition.getName();
            Object value = raw.get(name);
            if (value == null) {
                continue; // absent or null: graphql-java's coercion already applied defaults and non-null rules
            }
            GraphQLType type = InputFault.resolve(context.getGraphQLSchema(), definition.getType());
            List<Object> path = type == null ? null : InputFault.fault(type, value);
            if (path != null) {
                Located at = Located.of(path, name);
                throw new InputRejected(at.describe() + ": not a valid value of its declared type", at.index(), at.field());
            }
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        List<GraphQLError> errors = result.getErrors();
        if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> coded = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            if (error instanceof NonNullableFieldWasNullError && errors.size() > 1) {
                continue; // the consequence of another error of this result, which says why
            }
            coded.add(hasCode(error) ? error : located(coded(error), error, parameters));
        }
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(coded)));
    }

    /** An element index and field inside an input value, from a path such as [3, "rating"] or ["slaTargets", 1, "hours"]. */
    record Located(Integer index, String field) {

        static Located of(List<Object> path, String variable) {
            Integer index = null;
            List<String> names = new ArrayList<>();
            for (Object step : path) {
                if (step instanceof Integer i && index == null) {
                    index = i;
                } else if (!(step instanceof Integer)) {
                    names.add(String.valueOf(step));
                }
            }
            return new Located(index, names.isEmpty() ? variable : String.join(".", names));
        }

        String describe() {
            return (index == null ? "" : "element " + index + ", ") + field;
        }
    }

    /** A refused variable ("Variable 'events' has an invalid value: ...") names neither element nor field: the value shows them. */
    private static GraphQLError located(GraphQLError coded, GraphQLError original, InstrumentationExecutionParameters parameters) {
        Map<String, Object> ext = coded.getExtensions();
        if (!ErrorCode.VALIDATION.name().equals(ext.get("code")) || ext.containsKey("index") || parameters == null) {
            return coded;
        }
        Matcher variable = VARIABLE.matcher(coded.getMessage());
        if (!variable.find()) {
            return coded;
        }
        String name = variable.group(1);
        List<Object> path = InputFault.locate(parameters.getSchema(), parameters.getQuery(),
                parameters.getExecutionInput().getRawVariables().toMap(), name);
        Located at = path == null ? new Located(null, name) : Located.of(path, name);
        return new CodedError(ErrorCode.VALIDATION, coded.getMessage(), at.index(), at.field(), original);
    }

    static boolean hasCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        return extensions != null && extensions.get("code") != null;
    }

    /** The coded form of an error without a code. */
    public static GraphQLError coded(GraphQLError error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        ErrorClassification type = error.getErrorType();
        if (error instanceof AbortExecutionException
                && (message.startsWith("maximum query depth exceeded") || message.startsWith("maximum query complexity exceeded"))) {
            return new CodedError(ErrorCode.LIMIT_EXCEEDED, message, null, null, error);
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            return new CodedError(ErrorCode.LIMIT_EXCEEDED, message, null, null, error);
        }
        if (type == ErrorType.InvalidSyntax && isParserLimit(message)) {
            return new CodedError(ErrorCode.LIMIT_EXCEEDED, message, null, null, error);
        }
        if (type == ErrorType.InvalidSyntax || type == ErrorType.ValidationError) {
            Integer index = null;
            String field = null;
            Matcher m = ELEMENT.matcher(message);
            if (!m.find()) {
                m = ELEMENT_PATH.matcher(String.join("/", pathOf(error)));
                if (!m.find()) {
                    m = null;
                }
            }
            if (m != null) {
                index = Integer.valueOf(m.group(2));
                field = m.group(3);
            }
            return new CodedError(ErrorCode.VALIDATION, safe(message), index, field, error);
        }
        return new CodedError(ErrorCode.INTERNAL, "internal error", null, null, error);
    }

    /** The message, unless it names Java types or echoes a long value: then a short one naming the argument. */
    static String safe(String message) {
        boolean leaks = message.contains("org.") || message.contains("java.") || message.contains("io.smallrye")
                || message.contains("Exception");
        if (!leaks && message.length() <= MAX_MESSAGE) {
            return message;
        }
        Matcher argument = ARGUMENT.matcher(message);
        if (argument.find()) {
            return "argument '" + argument.group(1) + "' has a value that is not of its declared type";
        }
        return leaks ? "invalid input" : message.substring(0, MAX_MESSAGE) + "...";
    }

    /** graphql-java's parser limits: "More than 15,000 'grammar' tokens ...", too many characters, too deep. */
    static boolean isParserLimit(String message) {
        return message.contains("parsing has been cancelled") || message.contains("tokens have been presented")
                || message.contains("characters have been presented") || message.contains("rules have been entered");
    }

    private static List<String> pathOf(GraphQLError error) {
        List<String> out = new ArrayList<>();
        if (error.getPath() != null) {
            error.getPath().forEach(p -> out.add(String.valueOf(p)));
        }
        return out;
    }
}
