package org.openkpi.support.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.GraphQL;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;

/**
 * Read-path speed: adjusts the executable schema once, when SmallRye builds its {@link GraphQL} object (before the
 * first request). It runs on the final schema, after the federation transformation, when every SmallRye fetcher is
 * registered (also the federation resolvers, which SmallRye adds after its schema-builder event, so a code registry
 * copied in that event would miss them). Needs {@code quarkus.smallrye-graphql.events.enabled=true}. Two changes, the
 * rest of the code registry is copied as is:
 * <ul>
 * <li>{@link PlainFieldFetchers}: the fields of the plain output records are read by their accessors instead of
 * SmallRye's per-field fetcher, which built a request context for every field of every point;</li>
 * <li>field visibility: with {@code quarkus.smallrye-graphql.field-visibility} at its default ({@code default}: hide
 * nothing) SmallRye 2.17 still installs graphql-java's {@code BlockedFields} with the single pattern
 * {@code default}, which builds the string {@code Type.field} and runs a regular expression for every field of every
 * object executed, and can never match (a field coordinate has a dot). graphql-java's default visibility is used
 * instead; any other configured value is left to SmallRye.</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLReadPath {

    private static final Logger LOG = Logger.getLogger(GraphQLReadPath.class);

    private final String fieldVisibility;

    public GraphQLReadPath(@ConfigProperty(name = "quarkus.smallrye-graphql.field-visibility", defaultValue = "default") String fieldVisibility) {
        this.fieldVisibility = fieldVisibility;
    }

    void adjust(@Observes GraphQL.Builder graphQL) {
        GraphQLSchema schema = graphQL.build().getGraphQLSchema();
        GraphQLCodeRegistry.Builder registry = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        int fields = PlainFieldFetchers.install(schema, registry);
        boolean defaultVisibility = "default".equals(fieldVisibility.trim());
        if (defaultVisibility) {
            registry.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
        }
        GraphQLCodeRegistry codeRegistry = registry.build();
        LOG.debugf("GraphQL read path: %d fields read by record accessors; default field visibility: %s", (Object) fields, defaultVisibility);
        graphQL.schema(schema.transformWithoutTypes(builder -> builder.codeRegistry(codeRegistry)));
    }
}
