package org.openkpi.revenue.api.error;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Answers a GraphQL document that does not parse with a coded error: LIMIT_EXCEEDED when the parser's token limit
 * cancelled parsing, VALIDATION for any other syntax error. SmallRye parses the document before graphql-java's
 * instrumentation runs and answers such a request with a bare "Unparseable input document" (no code, no reason), so
 * this route, in front of SmallRye's on the same path, parses it first with the same options. A document that parses
 * goes on unchanged (the second parse costs microseconds, and the first 2,048 small documents that parsed are
 * remembered and not parsed again). Bodies above
 * {@code quarkus.http.limits.max-body-size} get HTTP 413, as from SmallRye's own body handler.
 */
@ApplicationScoped
public class ParseGuard {

    private final String path;
    private final long maxBody;
    private final ParserOptions options;
    /** Documents that parsed (small ones, a bounded number): the usual dashboard queries are not parsed twice. */
    private final Set<String> parsed = ConcurrentHashMap.newKeySet();
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_REMEMBERED = 2048;
    private static final int MAX_REMEMBERED_LENGTH = 16 * 1024;

    public ParseGuard(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") Optional<Integer> maxTokens) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.maxBody = maxBody.asLongValue();
        ParserOptions defaults = ParserOptions.getDefaultOperationParserOptions();
        this.options = maxTokens.map(t -> defaults.transform(b -> b.maxTokens(t))).orElse(defaults);
    }

    void install(@Observes Router router) {
        router.route(path).order(-98).handler(BodyHandler.create(false).setBodyLimit(maxBody)).handler(this::check);
    }

    private void check(RoutingContext context) {
        String query = query(context);
        if (query == null || parsed.contains(query)) {
            context.next();
            return;
        }
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options).build());
            if (query.length() <= MAX_REMEMBERED_LENGTH && parsed.size() < MAX_REMEMBERED) {
                parsed.add(query);
            }
        } catch (InvalidSyntaxException e) {
            reject(context, e);
            return;
        } catch (RuntimeException e) {
            context.next(); // anything else: SmallRye's handler decides, as before
            return;
        }
        context.next();
    }

    private static String query(RoutingContext context) {
        if (context.request().method() == HttpMethod.GET) {
            return context.request().getParam("query");
        }
        if (context.request().method() != HttpMethod.POST || context.body() == null || context.body().buffer() == null) {
            return null;
        }
        String contentType = context.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/graphql")) {
            return context.body().asString();
        }
        // Jackson's streaming parser: this runs on the event loop, and an ingestion batch's megabytes of variables are
        // skipped rather than built into a tree
        try (JsonParser parser = JSON.createParser(context.body().buffer().getBytes())) {
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

    private static void reject(RoutingContext context, InvalidSyntaxException e) {
        String message = e.getMessage() == null ? "invalid syntax" : e.getMessage();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        boolean limit = lower.contains("'grammar' tokens") || lower.contains("whitespace' tokens");
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", limit ? ErrorCode.LIMIT_EXCEEDED.name() : ErrorCode.VALIDATION.name())
                        .put("classification", "InvalidSyntax"));
        List<SourceLocation> locations = e.getLocation() == null ? List.of() : List.of(e.getLocation());
        if (!locations.isEmpty()) {
            JsonArray array = new JsonArray();
            locations.forEach(l -> array.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn())));
            error.put("locations", array);
        }
        context.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).put("data", (Object) null).encode());
    }
}
