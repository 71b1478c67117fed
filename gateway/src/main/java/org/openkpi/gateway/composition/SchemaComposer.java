package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLInputObjectType;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.openkpi.gateway.subgraph.SubgraphClient;

/**
 * Adds the domain services' schemas to the gateway's own (built by SmallRye GraphQL from the gateway's
 * {@code @GraphQLApi} classes): every service root field becomes a gateway root field of the same name, resolved by
 * {@link ForwardingFetcher}; the services' types are added once; entity fields of other services are resolved by
 * {@link EntityFieldFetcher}. A type the gateway already defines (Period, Money, Ratio, the scalars) must have the
 * same fields as the services' one, else the gateway does not start.
 */
@ApplicationScoped
public class SchemaComposer {

    private final SubgraphSchemas schemas;
    private final SubgraphClient client;
    private final CurrentVertxRequest request;

    public SchemaComposer(SubgraphSchemas schemas, SubgraphClient client, CurrentVertxRequest request) {
        this.schemas = schemas;
        this.client = client;
        this.request = request;
    }

    public GraphQLSchema.Builder compose(@Observes GraphQLSchema.Builder builder) {
        Composition composition = schemas.composition();
        GraphQLSchema own = builder.build();
        GraphQLCodeRegistry.Builder registry = GraphQLCodeRegistry.newCodeRegistry(own.getCodeRegistry());
        Set<GraphQLType> added = new HashSet<>();
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, TypeDefinition<?>> entry : composition.types().entrySet()) {
            String name = entry.getKey();
            GraphQLNamedType existing = (GraphQLNamedType) own.getType(name);
            if (existing != null) {
                String mismatch = mismatch(existing, entry.getValue());
                if (mismatch != null) {
                    problems.add(mismatch);
                }
            } else {
                added.add(TypeBuilder.build(entry.getValue()));
            }
            if (entry.getValue() instanceof ObjectTypeDefinition object) {
                boolean entity = composition.isEntity(name);
                for (var field : object.getFieldDefinitions()) {
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(name, field.getName());
                    if (entity) {
                        registry.dataFetcher(coordinates, new EntityFieldFetcher(composition, client, request));
                    } else if (existing instanceof GraphQLObjectType ownType) {
                        registry.dataFetcher(coordinates, new ResultKeyFetcher(
                                own.getCodeRegistry().getDataFetcher(ownType, ownType.getFieldDefinition(field.getName()))));
                    } else {
                        registry.dataFetcher(coordinates, ResultKeyFetcher.INSTANCE);
                    }
                }
            }
        }

        for (var scalar : TypeBuilder.builtInScalars()) {
            if (own.getType(scalar.getName()) == null) {
                added.add(scalar);
            }
        }
        wrapOwnFields(own.getQueryType(), own, registry);
        wrapOwnFields(own.getMutationType(), own, registry);
        builder.query(extend(own.getQueryType(), "Query", composition.queries(), composition, registry, problems));
        if (!composition.mutations().isEmpty()) {
            builder.mutation(extend(own.getMutationType(), "Mutation", composition.mutations(), composition, registry, problems));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the gateway cannot serve the services' schemas:\n  " + String.join("\n  ", problems));
        }
        builder.additionalTypes(added);
        builder.codeRegistry(registry.build());
        return builder;
    }

    /**
     * Queries that only the services answer skip the gateway's field-by-field execution ({@link ForwardedQueries});
     * needs {@code quarkus.smallrye-graphql.events.enabled=true}.
     */
    void forwardQueries(@Observes GraphQL.Builder graphQL) {
        graphQL.queryExecutionStrategy(new ForwardedQueries(graphQL.build().getQueryStrategy(), schemas.composition(), client, request));
    }

    private GraphQLObjectType extend(GraphQLObjectType own, String name, Map<String, Composition.RootField> fields,
            Composition composition, GraphQLCodeRegistry.Builder registry, List<String> problems) {
        GraphQLObjectType.Builder type = own == null ? GraphQLObjectType.newObject().name(name) : GraphQLObjectType.newObject(own);
        for (Map.Entry<String, Composition.RootField> entry : fields.entrySet()) {
            if (own != null && own.getFieldDefinition(entry.getKey()) != null) {
                problems.add(name + "." + entry.getKey() + " of " + entry.getValue().service()
                        + " clashes with the gateway's own field of that name");
                continue;
            }
            GraphQLFieldDefinition field = TypeBuilder.field(entry.getValue().definition(), true);
            type.field(field);
            String typeName = own == null ? name : own.getName();
            registry.dataFetcher(FieldCoordinates.coordinates(typeName, entry.getKey()),
                    new ForwardingFetcher(entry.getValue().service(), composition, client, request));
        }
        return type.build();
    }

    /** The gateway's own root fields report the services' failures they met beside their data. */
    private static void wrapOwnFields(GraphQLObjectType root, GraphQLSchema own, GraphQLCodeRegistry.Builder registry) {
        if (root == null) {
            return;
        }
        for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
            registry.dataFetcher(FieldCoordinates.coordinates(root.getName(), field.getName()),
                    new PartialResultsFetcher(own.getCodeRegistry().getDataFetcher(root, field)));
        }
    }

    /** @return why the gateway's own type cannot stand for the services' type of the same name, or null when it can */
    private static String mismatch(GraphQLNamedType own, TypeDefinition<?> theirs) {
        Set<String> ownFields = new TreeSet<>();
        if (own instanceof GraphQLFieldsContainer container) {
            container.getFieldDefinitions().forEach(f -> ownFields.add(f.getName()));
        } else if (own instanceof GraphQLInputObjectType input) {
            input.getFieldDefinitions().forEach(f -> ownFields.add(f.getName()));
        } else {
            return null;
        }
        Set<String> theirFields = new TreeSet<>();
        if (theirs instanceof ObjectTypeDefinition object) {
            object.getFieldDefinitions().forEach(f -> theirFields.add(f.getName()));
        } else if (theirs instanceof graphql.language.InputObjectTypeDefinition input) {
            input.getInputValueDefinitions().forEach(f -> theirFields.add(f.getName()));
        }
        return ownFields.equals(theirFields) ? null
                : "type " + own.getName() + " of the gateway has fields " + ownFields + ", the services' has " + theirFields;
    }
}
