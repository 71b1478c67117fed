package org.openkpi.support.api.error;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Gives a code to a query that does not parse. SmallRye GraphQL 2.17 parses the document before graphql-java runs and
 * answers a syntax error (also the parser's token and character limits) with a bare "Unparseable input document" that
 * carries no {@code extensions.code} and never reaches {@link ErrorCodeInstrumentation}. This route, placed on the
 * GraphQL path after authentication and authorization and before SmallRye's handler, parses the query text exactly as
 * SmallRye does ({@link ParseAndValidate#parse}, graphql-java's operation parser options: at most 15,000 grammar tokens
 * and 1 MB of characters) and, when that fails, answers itself: {@code LIMIT_EXCEEDED} for the parser limits, else
 * {@code VALIDATION}, with graphql-java's message and location. A query text that parsed once is remembered (up to
 * {@value #KNOWN_QUERIES} distinct texts of at most {@value #KNOWN_QUERY_LENGTH} characters), so a dashboard repeating
 * its queries pays nothing. Only the top-level
 * {@code query} member of a JSON body is read (a streaming scan that skips the other members).
 */
@ApplicationScoped
public class QuerySyntaxGuard {

    static final int KNOWN_QUERIES = 2000;
    /** Longer query texts are parsed every time (the memory of known texts stays below 2000 x 10,000 characters). */
    static final int KNOWN_QUERY_LENGTH = 10_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final String path;
    private final long maxBodySize;
    private final Set<String> parsed = ConcurrentHashMap.newKeySet();

    public QuerySyntaxGuard(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String path,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") io.quarkus.runtime.configuration.MemorySize maxBodySize) {
        this.path = path.startsWith("/") ? path : "/" + path;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // after the security filters (negative orders -100 / -200), before the GraphQL route (default order)
        router.route(path).order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBodySize)).handler(this::check);
    }

    void check(RoutingContext rc) {
        String query = queryOf(rc);
        if (query == null || parsed.contains(query)) {
            rc.next();
            return;
        }
        if (query.isBlank()) {
            answer(rc, new CodedError(ErrorCode.VALIDATION, "the request has no query", null, null, null));
            return;
        }
        ParseAndValidateResult result = ParseAndValidate.parse(ExecutionInput.newExecutionInput(query).build());
        if (!result.isFailure()) {
            if (query.length() <= KNOWN_QUERY_LENGTH) {
                if (parsed.size() >= KNOWN_QUERIES) {
                    parsed.clear();
                }
                parsed.add(query);
            }
            rc.next();
            return;
        }
        InvalidSyntaxException syntax = result.getSyntaxException();
        GraphQLError error = syntax.toInvalidSyntaxError();
        boolean limit = syntax instanceof ParseCancelledException || syntax instanceof ParseCancelledTooDeepException
                || syntax instanceof ParseCancelledTooManyCharsException;
        answer(rc, limit
                ? new CodedError(ErrorCode.LIMIT_EXCEEDED, error.getMessage(), null, null, error)
                : ErrorCodeInstrumentation.coded(error));
    }

    /** The query text of a GraphQL request, or null when it is not one this guard understands (SmallRye decides). */
    static String queryOf(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        if (HttpMethod.GET.equals(method)) {
            return rc.request().getParam("query");
        }
        if (!HttpMethod.POST.equals(method) || rc.body() == null || rc.body().buffer() == null) {
            return null;
        }
        String contentType = rc.request().getHeader("Content-Type");
        if (contentType != null && contentType.toLowerCase().startsWith("application/graphql")
                && !contentType.toLowerCase().startsWith("application/graphql-response")) {
            return rc.body().asString();
        }
        try (JsonParser parser = JSON.createParser(rc.body().buffer().getBytes())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("query".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: SmallRye answers
        }
    }

    private static void answer(RoutingContext rc, GraphQLError error) {
        JsonObject json = new JsonObject().put("message", error.getMessage());
        if (error.getLocations() != null && !error.getLocations().isEmpty()) {
            JsonArray locations = new JsonArray();
            for (SourceLocation l : error.getLocations()) {
                locations.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn()));
            }
            json.put("locations", locations);
        }
        JsonObject extensions = new JsonObject();
        for (Map.Entry<String, Object> e : error.getExtensions().entrySet()) {
            extensions.put(e.getKey(), e.getValue());
        }
        extensions.put("classification", "InvalidSyntax");
        json.put("extensions", extensions);
        rc.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(json)).encode());
    }
}
