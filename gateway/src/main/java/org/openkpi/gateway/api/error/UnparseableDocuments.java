package org.openkpi.gateway.api.error;

import java.io.IOException;
import java.io.InputStream;
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
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;

/**
 * Answers a GraphQL document that cannot be parsed (bad syntax, or more than
 * {@code quarkus.smallrye-graphql.parser-max-tokens} tokens) with a coded error. SmallRye 2.17 parses the document
 * before graphql-java runs, and answers a failure with the bare message "Unparseable input document" and no
 * {@code code}, outside any instrumentation; this route, after Quarkus' authentication and before SmallRye's route,
 * gives an authenticated caller the
 * client graphql-java's message, the location and {@code VALIDATION} or, for the token limit, {@code LIMIT_EXCEEDED}.
 * Documents that parsed once are remembered (up to 2,000 of up to 20,000 characters), so a dashboard's repeated
 * queries are parsed once here.
 */
@ApplicationScoped
public class UnparseableDocuments {

    private static final int REMEMBERED = 2_000;
    private static final JsonFactory JSON = new JsonFactory();
    /** Longer documents are parsed every time rather than kept (2,000 of at most this many characters). */
    private static final int REMEMBERED_MAX_LENGTH = 20_000;
    /** Before SmallRye GraphQL's execution route, and after Quarkus' authentication. */
    private static final int ROUTE_ORDER = -100;

    private final ParserOptions options;
    /** Lock-free on the event loops; when full it is emptied and refills with the documents in use. */
    private final Set<String> parsed = ConcurrentHashMap.newKeySet();

    private final long maxBodySize;

    public UnparseableDocuments(@ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") int maxTokens,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.options = ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(maxTokens));
        this.maxBodySize = maxBodySize.asLongValue();
    }

    /**
     * SmallRye's route reads the body itself; this route reads it first, with the same size limit (HTTP 413 above),
     * and Vert.x's body handler on SmallRye's route then sees it was read already.
     */
    void install(@Observes Router router) {
        router.post("/graphql").order(ROUTE_ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                .handler(this::check);
    }

    private void check(RoutingContext context) {
        if (!(context.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            context.next(); // not authenticated: Quarkus' permission check answers 401 without reading the document
            return;
        }
        String contentType = context.request().getHeader("Content-Type");
        String query = contentType != null && contentType.startsWith("application/graphql")
                && !contentType.startsWith("application/graphql-response")
                ? context.body().asString() // the document itself is the body
                : query(context.body().buffer());
        if (query == null || parsed.contains(query)) {
            context.next();
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options).build());
            if (query.length() <= REMEMBERED_MAX_LENGTH) {
                if (parsed.size() >= REMEMBERED) {
                    parsed.clear();
                }
                parsed.add(query);
            }
            context.next();
        } catch (InvalidSyntaxException e) {
            String message = e.getMessage() == null ? "invalid GraphQL document" : e.getMessage();
            ErrorCode code = message.contains("To prevent Denial Of Service attacks") ? ErrorCode.LIMIT_EXCEEDED : ErrorCode.VALIDATION;
            JsonObject error = new JsonObject().put("message", message)
                    .put("extensions", new JsonObject().put("code", code.name()).put("classification", "InvalidSyntax"));
            SourceLocation location = e.getLocation();
            if (location != null) {
                error.put("locations", new JsonArray().add(new JsonObject().put("line", location.getLine())
                        .put("column", location.getColumn())));
            }
            context.response().putHeader("Content-Type", "application/json; charset=UTF-8")
                    .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
        }
    }

    /**
     * The {@code query} of a JSON request body, read with Jackson's streaming parser: this runs on the event loop, and
     * an ingestion body can be megabytes of {@code variables}, which are skipped rather than built into a tree (the
     * body is read in place, not copied). Anything else (not JSON, no string {@code query}) is left to SmallRye.
     */
    static String query(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        InputStream in = new ByteBufInputStream(body.getByteBuf()); // (also a DataInput: typed to pick the stream parser)
        try (JsonParser parser = JSON.createParser(in)) {
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
            return null;
        }
    }
}
