package org.openkpi.acquisition.api.error;

import java.io.StringReader;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Coded errors for requests SmallRye refuses before graphql-java executes them (so that {@link ErrorCodeInstrumentation}
 * never sees them): SmallRye parses the document first and answers any syntax error, the parser's token limit
 * included, with a bare "Unparseable input document". This route runs just before SmallRye's on the GraphQL path
 * (after authentication and the path permissions) and parses the query with the same limits: a syntax error becomes
 * {@code VALIDATION}, a parser limit {@code LIMIT_EXCEEDED}, with graphql-java's message and location; a body that is
 * not a GraphQL request (malformed JSON, no query) is {@code VALIDATION}. Documents that parsed once are remembered
 * (a bounded set), so the usual dashboard queries are parsed here only once.
 */
@ApplicationScoped
public class SyntaxErrorCodes {

    /** Marks a request that names no query (compared by identity). */
    private static final String NO_QUERY = new String("");
    private static final int REMEMBERED = 1000;
    private static final int REMEMBERED_MAX_LENGTH = 20_000;

    private final String path;
    private final long maxBodySize;
    private final ParserOptions options;
    private final Set<String> parsed = ConcurrentHashMap.newKeySet();

    public SyntaxErrorCodes(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "15000") int maxTokens) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.maxBodySize = maxBodySize.asLongValue();
        this.options = ParserOptions.getDefaultOperationParserOptions().transform(b -> b.maxTokens(maxTokens));
    }

    void install(@Observes Router router) {
        router.route(path).order(-1).handler(BodyHandler.create(false).setBodyLimit(maxBodySize)).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String query;
        try {
            query = queryOf(ctx);
        } catch (JsonException e) {
            reply(ctx, "VALIDATION", "the request body is not a JSON object with a GraphQL query", null, null);
            return;
        }
        if (query == NO_QUERY) {
            reply(ctx, "VALIDATION", "the request has no GraphQL query", null, null);
            return;
        }
        if (query == null || parsed.contains(query)) {
            ctx.next();
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options).build());
        } catch (InvalidSyntaxException e) {
            String message = e.getMessage() == null ? "invalid syntax" : e.getMessage();
            boolean limit = ErrorCodeInstrumentation.isLimit(e.toInvalidSyntaxError(), message);
            reply(ctx, limit ? "LIMIT_EXCEEDED" : "VALIDATION", message, e.getLocation(), "InvalidSyntax");
            return;
        }
        if (query.length() <= REMEMBERED_MAX_LENGTH) {
            if (parsed.size() >= REMEMBERED) {
                parsed.clear();
            }
            parsed.add(query);
        }
        ctx.next();
    }

    /**
     * The query of a GET or POST GraphQL request; {@link #NO_QUERY} when it has none; null when there is nothing to
     * check here (SmallRye answers those: other methods, batched requests, a query that is not a string).
     */
    private static String queryOf(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (HttpMethod.GET.equals(method)) {
            String query = ctx.request().getParam("query");
            return query == null ? NO_QUERY : query;
        }
        if (!HttpMethod.POST.equals(method) || ctx.body() == null || ctx.body().buffer() == null) {
            return null;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        String body = ctx.body().asString();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql")
                && !contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql-response")) {
            return body;
        }
        if (body == null || body.isBlank() || body.stripLeading().startsWith("[")) {
            return null;
        }
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonParsingException("not an object", parser.getLocation());
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if ("query".equals(key)) {
                    return value == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                }
                if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            return NO_QUERY;
        }
    }

    private static void reply(RoutingContext ctx, String code, String message, SourceLocation location, String classification) {
        JsonObjectBuilder extensions = Json.createObjectBuilder().add("code", code);
        if (classification != null) {
            extensions.add("classification", classification);
        }
        JsonObjectBuilder error = Json.createObjectBuilder().add("message", message);
        if (location != null && location.getLine() > 0) {
            JsonArrayBuilder locations = Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("line", location.getLine()).add("column", location.getColumn()));
            error.add("locations", locations);
        }
        error.add("extensions", extensions);
        String body = Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(error)).addNull("data").build().toString();
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=UTF-8").end(body);
    }
}
