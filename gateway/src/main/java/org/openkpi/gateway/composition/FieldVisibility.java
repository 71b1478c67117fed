package org.openkpi.gateway.composition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.GraphQL;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;

/**
 * With {@code quarkus.smallrye-graphql.field-visibility} at its default ({@code default}: hide nothing), SmallRye
 * 2.17 still installs graphql-java's {@code BlockedFields} with the pattern {@code default}, which builds the string
 * {@code Type.field} and runs a regular expression for every field the gateway executes (every field of every
 * service's answer) and can never match. graphql-java's default visibility does the same in no time; any other
 * configured visibility is left to SmallRye. (acquisition- and support-service do the same in their GraphQLReadPath.)
 */
@ApplicationScoped
public class FieldVisibility {

    private final String fieldVisibility;

    public FieldVisibility(@ConfigProperty(name = "quarkus.smallrye-graphql.field-visibility", defaultValue = "default") String fieldVisibility) {
        this.fieldVisibility = fieldVisibility;
    }

    void adjust(@Observes GraphQL.Builder graphQL) {
        if (!"default".equals(fieldVisibility.trim())) {
            return;
        }
        GraphQLSchema schema = graphQL.build().getGraphQLSchema();
        GraphQLCodeRegistry registry = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry())
                .fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY).build();
        graphQL.schema(schema.transformWithoutTypes(builder -> builder.codeRegistry(registry)));
    }
}
