package org.openkpi.gateway.api.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Gives every error of a response a stable {@code extensions.code} (API-CONVENTIONS "Errors"). Errors the API raises
 * itself ({@link ApiException}, upstream errors) already carry one and pass unchanged; graphql-java's own errors do
 * not: the query limits ({@code maximum query depth/complexity exceeded}, the parser's token limit, the alias limit)
 * become {@code LIMIT_EXCEEDED}; syntax, validation and variable coercion errors (unknown enum value, wrong scalar
 * type, missing field) {@code VALIDATION}; a security exception {@code UNAUTHENTICATED} or {@code FORBIDDEN};
 * anything else {@code INTERNAL}. Message (already sanitised by SmallRye), locations, path and extensions are kept.
 */
final class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        List<GraphQLError> errors = result.getErrors();
        if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> coded = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            coded.add(hasCode(error) ? error : withCode(error, codeOf(error)));
        }
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(coded)));
    }

    /**
     * Whether the error names its code: in its extensions, or, for an exception, by SmallRye's
     * {@link io.smallrye.graphql.api.ErrorCode} annotation on its class (added when SmallRye writes the response).
     */
    private static boolean hasCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get("code") != null) {
            return true;
        }
        return error instanceof ExceptionWhileDataFetching fetching && fetching.getException() != null
                && fetching.getException().getClass().isAnnotationPresent(io.smallrye.graphql.api.ErrorCode.class);
    }

    static ErrorCode codeOf(GraphQLError error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (error instanceof AbortExecutionException
                && (message.startsWith("maximum query depth exceeded") || message.startsWith("maximum query complexity exceeded"))) {
            return ErrorCode.LIMIT_EXCEEDED;
        }
        if (error instanceof InvalidSyntaxError) {
            return message.contains("To prevent Denial Of Service attacks") ? ErrorCode.LIMIT_EXCEEDED : ErrorCode.VALIDATION;
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Throwable cause = fetching.getException();
            if (cause instanceof UnauthorizedException || cause instanceof AuthenticationFailedException) {
                return ErrorCode.UNAUTHENTICATED;
            }
            if (cause instanceof ForbiddenException) {
                return ErrorCode.FORBIDDEN;
            }
            return ErrorCode.INTERNAL;
        }
        if (error instanceof ValidationError || isValidation(error)) {
            return ErrorCode.VALIDATION;
        }
        return ErrorCode.INTERNAL;
    }

    /** graphql-java's classification of syntax, validation and variable coercion errors. */
    private static boolean isValidation(GraphQLError error) {
        Object type = error.getErrorType();
        return type == graphql.ErrorType.ValidationError || type == graphql.ErrorType.InvalidSyntax;
    }

    private static GraphQLError withCode(GraphQLError error, ErrorCode code) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", code.name());
        if (error.getErrorType() != null) {
            extensions.putIfAbsent("classification", error.getErrorType().toString());
        }
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(error.getMessage() == null ? code.name() : error.getMessage())
                .locations(error.getLocations())
                .extensions(extensions);
        if (error.getErrorType() != null) {
            builder.errorType(error.getErrorType());
        }
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }
}
