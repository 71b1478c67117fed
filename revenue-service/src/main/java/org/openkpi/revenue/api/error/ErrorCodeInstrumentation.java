package org.openkpi.revenue.api.error;

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
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;

/**
 * Rewrites every error of a result that has no {@code code} extension: limits become LIMIT_EXCEEDED, syntax, validation
 * and coercion errors VALIDATION (with the index, and field where the message names them, of the offending element
 * of a list argument), anything else INTERNAL without internals. Locations and path are kept.
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorCodeInstrumentation.class);

    /** {@code events[3].amount} or {@code events[3]} in graphql-java's coercion messages. */
    private static final Pattern BRACKET_INDEX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\[(\\d+)\\](?:\\.([A-Za-z_][A-Za-z0-9_]*))?");
    /** {@code 'events/3/amount'} in validation messages and query paths. */
    private static final Pattern SLASH_INDEX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*/(\\d+)(?:/([A-Za-z_][A-Za-z0-9_]*))?");

    /** SmallRye's message when converting an argument failed after coercion. */
    private static final Pattern TRANSFORM = Pattern.compile("argument '[A-Za-z_][A-Za-z0-9_]*' with value");

    /** Text that would tell a client about the implementation. */
    private static final Pattern LEAKS = Pattern.compile("Exception|java\\.|org\\.|SQL|\\tat ");

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        List<GraphQLError> errors = result.getErrors();
        if (errors == null || errors.isEmpty() || errors.stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> rewritten = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            // a field whose fetcher reported an error returns null; graphql-java then also reports the null of a
            // non-null field: a consequence of the other error, not news for the client
            if (error instanceof NonNullableFieldWasNullError && errors.size() > 1) {
                continue;
            }
            rewritten.add(hasCode(error) ? error : rewrite(error, parameters));
        }
        return CompletableFuture.completedFuture(result.transform(b -> b.errors(rewritten)));
    }

    static boolean hasCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        return extensions != null && extensions.get("code") != null;
    }

    static GraphQLError rewrite(GraphQLError error, InstrumentationExecutionParameters parameters) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        ErrorCode code = classify(error, message);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (code == ErrorCode.VALIDATION) {
            locate(error, message, extensions);
            if (!extensions.containsKey("index")) {
                VariableLocator.locate(message, parameters, extensions);
            }
            if (!extensions.containsKey("index") && TRANSFORM.matcher(message).find()) {
                // SmallRye's own number conversion failed on a string it let through coercion
                String located = VariableLocator.locateNumber(parameters, extensions);
                if (located != null) {
                    message = located;
                }
            }
        }
        ErrorClassification classification = error.getErrorType();
        if (classification != null) {
            extensions.put("classification", classification.toString());
        }
        if (code != ErrorCode.INTERNAL && LEAKS.matcher(message).find()) {
            message = "invalid value" + (extensions.containsKey("index") ? " in element " + extensions.get("index") : "")
                    + (extensions.containsKey("field") ? ", field " + extensions.get("field") : "");
        }
        if (code == ErrorCode.INTERNAL) {
            String incident = UUID.randomUUID().toString();
            LOG.errorf("incident %s: %s", incident, message);
            message = "internal error, incident " + incident;
        }
        return GraphqlErrorBuilder.newError().message(message).locations(error.getLocations()).path(error.getPath())
                .errorType(classification == null ? ErrorType.ExecutionAborted : classification).extensions(extensions).build();
    }

    static ErrorCode classify(GraphQLError error, String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (error instanceof AbortExecutionException && (lower.startsWith("maximum query depth exceeded")
                || lower.startsWith("maximum query complexity exceeded"))) {
            return ErrorCode.LIMIT_EXCEEDED;
        }
        if (error.getErrorType() != null && "BadFaithIntrospection".equals(error.getErrorType().toString())) {
            return ErrorCode.LIMIT_EXCEEDED; // graphql-java's good-faith introspection limits
        }
        if (error instanceof InvalidSyntaxError || error.getErrorType() == ErrorType.InvalidSyntax) {
            return lower.contains("'grammar' tokens") || lower.contains("whitespace' tokens") ? ErrorCode.LIMIT_EXCEEDED
                    : ErrorCode.VALIDATION;
        }
        if (error instanceof ValidationError || error.getErrorType() == ErrorType.ValidationError) {
            return ErrorCode.VALIDATION;
        }
        if (error instanceof ExceptionWhileDataFetching fetching && fetching.getException() instanceof GraphQLError inner
                && inner.getErrorType() == ErrorType.ValidationError) {
            return ErrorCode.VALIDATION;
        }
        return ErrorCode.INTERNAL;
    }

    /** Adds index and field when the message or the query path names an element of a list argument. */
    static void locate(GraphQLError error, String message, Map<String, Object> extensions) {
        List<String> candidates = new ArrayList<>();
        candidates.add(message);
        if (error instanceof ValidationError v && v.getQueryPath() != null) {
            candidates.add(String.join("/", v.getQueryPath()));
        }
        for (String text : candidates) {
            for (Pattern p : List.of(BRACKET_INDEX, SLASH_INDEX)) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    extensions.put("index", Integer.valueOf(m.group(1)));
                    if (m.group(2) != null) {
                        extensions.put("field", m.group(2));
                    }
                    return;
                }
            }
        }
    }
}
