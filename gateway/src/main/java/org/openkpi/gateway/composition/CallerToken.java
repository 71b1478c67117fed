package org.openkpi.gateway.composition;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The caller's {@code Authorization} header, forwarded unchanged to every service. It is read once per request on
 * the request's thread and kept in the GraphQL context, because fields resolved after a service answered run on the
 * HTTP client's threads, outside the request scope.
 */
public final class CallerToken {

    private static final String KEY = "org.openkpi.gateway.authorization";

    private CallerToken() {
    }

    /** @return the request's Authorization header; call on the request's thread */
    public static String header(CurrentVertxRequest request) {
        return request.getCurrent() == null ? null : request.getCurrent().request().getHeader("Authorization");
    }

    static String of(DataFetchingEnvironment env, CurrentVertxRequest request) {
        return of(env.getGraphQlContext(), request);
    }

    static String of(GraphQLContext context, CurrentVertxRequest request) {
        String stored = context.get(KEY);
        if (stored != null) {
            return stored;
        }
        String header = header(request);
        if (header != null) {
            context.put(KEY, header);
        }
        return header;
    }
}
