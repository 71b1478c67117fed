package org.openkpi.gateway.composition;

import graphql.schema.DataFetchingEnvironment;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The caller's {@code Authorization} header, forwarded unchanged to every service. It is read once per request on
 * the request's thread and kept in the GraphQL context, because fields resolved after a service answered run on the
 * HTTP client's threads, outside the request scope.
 */
final class CallerToken {

    private static final String KEY = "org.openkpi.gateway.authorization";

    private CallerToken() {
    }

    static String of(DataFetchingEnvironment env, CurrentVertxRequest request) {
        String stored = env.getGraphQlContext().get(KEY);
        if (stored != null) {
            return stored;
        }
        String header = request.getCurrent() == null ? null : request.getCurrent().request().getHeader("Authorization");
        if (header != null) {
            env.getGraphQlContext().put(KEY, header);
        }
        return header;
    }
}
