package org.openkpi.retention.api.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

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
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives unparseable documents an {@code extensions.code}. SmallRye GraphQL 2.17 parses the document itself before
 * graphql-java runs (to learn the operation types) and answers a syntax error, or the parser's token limit, with a bare
 * "Unparseable input document" that no instrumentation sees. So a route ordered before SmallRye's parses the query
 * text first, with the same parser options (graphql-java's operation defaults: 15,000 tokens), and answers a failure
 * itself: the token and depth limits as {@code LIMIT_EXCEEDED}, any other syntax error as {@code VALIDATION}, with the
 * parser's message and location. Query texts that parsed are remembered (bounded), so a dashboard's repeated queries
 * are parsed once here.
 */
@ApplicationScoped
public class SyntaxErrorCodes {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int REMEMBERED = 2000;
    /** After authentication (-200) and authorization (-100) filters, before the routes of extensions (0 and up). */
    private static final int ROUTE_ORDER = -1;
    private static final int REMEMBERED_MAX_LENGTH = 20_000;

    private final long maxBodySize;
    private final Map<String, Boolean> parsed = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public SyntaxErrorCodes(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/graphql").order(ROUTE_ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                .handler(this::check);
    }

    void check(RoutingContext rc) {
        String query = query(rc);
        if (query == null || query.isEmpty() || parsed.containsKey(query)) {
            rc.next();
            return;
        }
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (InvalidSyntaxException e) {
            rc.response().setStatusCode(200).putHeader("Content-Type", "application/json;charset=UTF-8")
                    .end(error(e).toString());
            return;
        } catch (RuntimeException e) {
            rc.next(); // anything else is SmallRye's and graphql-java's to report
            return;
        }
        if (query.length() <= REMEMBERED_MAX_LENGTH) {
            parsed.put(query, Boolean.TRUE);
        }
        rc.next();
    }

    private static String query(RoutingContext rc) {
        if (rc.request().method() == HttpMethod.GET) {
            return rc.request().getParam("query");
        }
        if (rc.request().method() != HttpMethod.POST || rc.body() == null || rc.body().buffer() == null) {
            return null;
        }
        String contentType = rc.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/graphql")) {
            return rc.body().asString();
        }
        // only the top-level "query" string is read; variables (large for ingestion batches) are skipped, not built
        try (JsonParser p = JSON.createParser(rc.body().buffer().getBytes())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("query".equals(name) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // malformed JSON: SmallRye answers it
        }
        return null;
    }

    static JsonObject error(InvalidSyntaxException e) {
        String message = e.getMessage() == null ? "invalid syntax" : e.getMessage();
        boolean limit = ErrorCodeInstrumentation.isParserLimit(message);
        JsonObjectBuilder error = Json.createObjectBuilder().add("message", message);
        JsonArrayBuilder locations = Json.createArrayBuilder();
        SourceLocation at = e.getLocation();
        if (at != null && at.getLine() > 0) {
            locations.add(Json.createObjectBuilder().add("line", at.getLine()).add("column", at.getColumn()));
        }
        error.add("locations", locations);
        error.add("extensions", Json.createObjectBuilder()
                .add("code", (limit ? ErrorCode.LIMIT_EXCEEDED : ErrorCode.VALIDATION).name())
                .add("classification", "InvalidSyntax"));
        return Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(error)).build();
    }
}
