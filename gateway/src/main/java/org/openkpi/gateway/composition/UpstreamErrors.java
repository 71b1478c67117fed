package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;

import org.openkpi.gateway.subgraph.UpstreamException;

/** Errors of the domain services, re-addressed to where they sit in the gateway's response and named by service. */
public final class UpstreamErrors {

    public static final String UNAVAILABLE = "UPSTREAM_UNAVAILABLE";

    private UpstreamErrors() {
    }

    /** @return the failure behind a completion wrapper */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * The result of a field whose service call failed: no data and an UPSTREAM_UNAVAILABLE error; anything other
     * than an {@link UpstreamException} is a bug of the gateway and is rethrown (graphql-java reports it as such).
     */
    public static DataFetcherResult<Object> failed(Throwable failure, ResultPath path) {
        Throwable cause = cause(failure);
        if (cause instanceof UpstreamException upstream) {
            return DataFetcherResult.newResult().error(unavailable(upstream, path)).build();
        }
        throw new CompletionException(cause);
    }

    /** A service that did not answer: code UPSTREAM_UNAVAILABLE, extensions.service naming it. */
    public static GraphQLError unavailable(UpstreamException failure, ResultPath path) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", UNAVAILABLE);
        extensions.put("service", failure.service());
        return GraphqlErrorBuilder.newError().message(failure.getMessage()).path(path)
                .errorType(ErrorType.DataFetchingException).extensions(extensions).build();
    }

    /**
     * One error of a service's response. {@code dropPrefix} leading path elements of the service's path are replaced
     * by {@code prefix} (the gateway path of the field that asked); a service error without a path is placed at
     * {@code prefix}.
     */
    @SuppressWarnings("unchecked")
    public static GraphQLError relocate(String service, Map<String, Object> error, List<Object> prefix, int dropPrefix) {
        List<Object> path = new ArrayList<>(prefix);
        Object upstreamPath = error.get("path");
        if (upstreamPath instanceof List<?> list && list.size() > dropPrefix) {
            for (Object element : list.subList(dropPrefix, list.size())) {
                path.add(element instanceof Number n ? (Object) n.intValue() : element);
            }
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.get("extensions") instanceof Map<?, ?> upstream) {
            extensions.putAll((Map<String, Object>) upstream);
        }
        extensions.putIfAbsent("code", "INTERNAL");
        extensions.put("service", service);
        Object message = error.get("message");
        return GraphqlErrorBuilder.newError()
                .message(message == null ? service + "-service reported an error" : message.toString())
                .path(path).errorType(ErrorType.DataFetchingException).extensions(extensions).build();
    }
}
