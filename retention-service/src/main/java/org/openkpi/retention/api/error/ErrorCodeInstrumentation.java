package org.openkpi.retention.api.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.introspection.GoodFaithIntrospection;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;

/**
 * Rewrites every error of a result that has no {@code code} extension: the depth, complexity and parser token limits
 * (and graphql-java's bad-faith introspection check) become {@code LIMIT_EXCEEDED}; syntax, validation and coercion errors {@code VALIDATION} (with {@code index} and
 * {@code field} when the message or path names an element of a list argument, e.g. {@code events[3]} or
 * {@code 'events/3/amount'}); anything else {@code INTERNAL} with an incident id (the original is logged). Locations and
 * path are kept.
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorCodeInstrumentation.class);

    /** {@code events[3]}, {@code events[3].amount}. */
    private static final Pattern BRACKETS = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\[(\\d+)\\](?:\\.([A-Za-z_][A-Za-z0-9_]*))?");
    /** {@code 'events/3'}, {@code 'events/3/amount'}, {@code /events/3/amount}. */
    private static final Pattern SLASHES = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*/(\\d+)(?:/([A-Za-z_][A-Za-z0-9_]*))?");
    /** "Variable 'events' has an invalid value", "Field 'x' of variable 'events' has coerced Null value". */
    private static final Pattern VARIABLE = Pattern.compile("[Vv]ariable '([A-Za-z_][A-Za-z0-9_]*)'");
    /** SmallRye's TransformException: "argument 'purchases' with value ...". */
    private static final Pattern TRANSFORM = Pattern.compile("argument '([A-Za-z_][A-Za-z0-9_]*)' with value ");
    /** "Field 'amount' of variable", "Input field 'amount' has". */
    private static final Pattern FIELD = Pattern.compile("(?:^|\\s)(?:Input field|Field) '([A-Za-z_][A-Za-z0-9_]*)'");

    /** Refuses a fractional number (or a non-number) for an integer variable before SmallRye truncates it. */
    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Map<String, Object> variables = context.getExecutionInput() == null ? null : context.getExecutionInput().getVariables();
        if (variables != null && !variables.isEmpty()) {
            VariableFaults.Fault fault = VariableFaults.nonIntegers(context.getGraphQLSchema(), context.getOperationDefinition(), variables);
            if (fault != null) {
                Map<String, Object> extensions = new LinkedHashMap<>();
                extensions.put("code", ErrorCode.VALIDATION.name());
                if (fault.index() != null) {
                    extensions.put("index", fault.index());
                }
                if (fault.field() != null) {
                    extensions.put("field", fault.field());
                }
                String where = (fault.index() != null ? "element " + fault.index() + ", " : "") + (fault.field() != null ? fault.field() + ": " : "");
                throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(where + "expected an integer")
                        .errorType(ErrorType.ValidationError).extensions(extensions).build()));
            }
        }
        return context;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        List<GraphQLError> errors = result.getErrors();
        if (errors == null || errors.isEmpty() || errors.stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        // SmallRye's failed argument conversion also leaves its non-null field null: that second error says nothing more
        boolean transformFailed = errors.stream().anyMatch(e -> TRANSFORM.matcher(String.valueOf(e.getMessage())).lookingAt());
        List<GraphQLError> rewritten = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            if (transformFailed && error instanceof NonNullableFieldWasNullError) {
                continue;
            }
            rewritten.add(hasCode(error) ? error : rewrite(error, parameters));
        }
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult().from(result).errors(rewritten).build());
    }

    static boolean hasCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        return extensions != null && extensions.get("code") != null;
    }

    static GraphQLError rewrite(GraphQLError error, InstrumentationExecutionParameters parameters) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (isLimit(error, message)) {
            return with(error, ErrorCode.LIMIT_EXCEEDED, message, null, null);
        }
        ErrorClassification type = error.getErrorType();
        if (error instanceof InvalidSyntaxError || error instanceof ValidationError || type == ErrorType.InvalidSyntax
                || type == ErrorType.ValidationError) {
            Integer index = null;
            String field = null;
            Matcher transform = TRANSFORM.matcher(message);
            boolean isTransform = transform.lookingAt();
            if (isTransform) {
                // "argument 'x' with value 'StringValue{value='...'}' is not a valid 'Unknown Scalar Type [org...]'": the
                // value and the class are not for the client
                message = "argument '" + transform.group(1) + "' has an invalid value";
            }
            Matcher m = BRACKETS.matcher(message);
            if (!m.find()) {
                m = SLASHES.matcher(message + " " + (error.getPath() == null ? "" : String.join("/",
                        error.getPath().stream().map(String::valueOf).toList())));
                if (!m.find()) {
                    m = null;
                }
            }
            if (m != null) {
                index = Integer.valueOf(m.group(1));
                field = m.group(2);
            }
            Matcher variable = VARIABLE.matcher(message);
            if (index == null && (isTransform || variable.find()) && parameters != null && parameters.getExecutionInput() != null) {
                VariableFaults.Fault fault = VariableFaults.find(parameters.getSchema(), parameters.getExecutionInput().getQuery(),
                        parameters.getExecutionInput().getVariables(), isTransform ? null : variable.group(1));
                if (fault != null) {
                    index = fault.index();
                    field = fault.field();
                }
            }
            if (field == null) {
                Matcher f = FIELD.matcher(message);
                if (f.find()) {
                    field = f.group(1);
                }
            }
            return with(error, ErrorCode.VALIDATION, message, index, field);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf("incident %s: %s (%s)", incident, message, error.getClass().getName());
        return with(error, ErrorCode.INTERNAL, "internal error, incident " + incident, null, null);
    }

    private static boolean isLimit(GraphQLError error, String message) {
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            return true; // introspection asking for more than a client needs (graphql-java's good-faith check)
        }
        if (error instanceof AbortExecutionException) {
            return message.startsWith("maximum query depth exceeded") || message.startsWith("maximum query complexity exceeded");
        }
        // the parser's token limit ("...more than 15000 'grammar' tokens...") and its rule depth limit
        return (error instanceof InvalidSyntaxError || error.getErrorType() == ErrorType.InvalidSyntax)
                && (isParserLimit(message));
    }

    private static GraphQLError with(GraphQLError error, ErrorCode code, String message, Integer index, String field) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null && code != ErrorCode.INTERNAL) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", code.name());
        if (index != null) {
            extensions.put("index", index);
        }
        if (field != null) {
            extensions.put("field", field);
        }
        GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError().message(message).errorType(error.getErrorType())
                .extensions(extensions);
        if (error.getLocations() != null) {
            b.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            b.path(error.getPath());
        }
        return b.build();
    }

    /** graphql-java's parser limits: "More than 15,000 'grammar' tokens have been presented..." and its rule depth. */
    static boolean isParserLimit(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return (m.contains("more than") && m.contains("tokens")) || m.contains("too deep");
    }
}
