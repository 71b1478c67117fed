package org.openkpi.gateway.composition;

import graphql.Scalars;
import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeReference;

/**
 * Turns the SDL definitions of the composition into graphql-java types. Named types are referenced by name, so a
 * type the gateway defines itself (Period, Money, Ratio, its scalars) is shared rather than duplicated.
 */
final class TypeBuilder {

    private TypeBuilder() {
    }

    static GraphQLNamedType build(TypeDefinition<?> definition) {
        if (definition instanceof ObjectTypeDefinition object) {
            GraphQLObjectType.Builder type = GraphQLObjectType.newObject().name(object.getName())
                    .description(text(object.getDescription()));
            for (FieldDefinition field : object.getFieldDefinitions()) {
                type.field(field(field, false));
            }
            return type.build();
        }
        if (definition instanceof InputObjectTypeDefinition input) {
            GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(input.getName())
                    .description(text(input.getDescription()));
            for (InputValueDefinition value : input.getInputValueDefinitions()) {
                GraphQLInputObjectField.Builder field = GraphQLInputObjectField.newInputObjectField()
                        .name(value.getName()).description(text(value.getDescription()))
                        .type((GraphQLInputType) type(value.getType()));
                if (value.getDefaultValue() != null) {
                    field.defaultValueLiteral(value.getDefaultValue());
                }
                type.field(field.build());
            }
            return type.build();
        }
        if (definition instanceof EnumTypeDefinition e) {
            GraphQLEnumType.Builder type = GraphQLEnumType.newEnum().name(e.getName()).description(text(e.getDescription()));
            for (EnumValueDefinition value : e.getEnumValueDefinitions()) {
                type.value(value.getName(), value.getName(), text(value.getDescription()));
            }
            return type.build();
        }
        if (definition instanceof ScalarTypeDefinition scalar) {
            return PassThroughScalar.named(scalar.getName(), text(scalar.getDescription()));
        }
        throw new IllegalStateException("unsupported type in a subgraph schema: " + definition.getName()
                + " (" + definition.getClass().getSimpleName() + ")");
    }

    /**
     * @param nullable whether to drop an outer non-null: root fields of the services are nullable at the gateway,
     *                 so one service's failure leaves the other fields of the response intact
     */
    static GraphQLFieldDefinition field(FieldDefinition field, boolean nullable) {
        Type<?> declared = field.getType();
        if (nullable && declared instanceof NonNullType nonNull) {
            declared = nonNull.getType();
        }
        GraphQLFieldDefinition.Builder builder = GraphQLFieldDefinition.newFieldDefinition()
                .name(field.getName())
                .description(text(field.getDescription()))
                .type((GraphQLOutputType) type(declared));
        for (InputValueDefinition argument : field.getInputValueDefinitions()) {
            GraphQLArgument.Builder arg = GraphQLArgument.newArgument().name(argument.getName())
                    .description(text(argument.getDescription()))
                    .type((GraphQLInputType) type(argument.getType()));
            if (argument.getDefaultValue() != null) {
                arg.defaultValueLiteral(argument.getDefaultValue());
            }
            builder.argument(arg.build());
        }
        return builder.build();
    }

    private static GraphQLType type(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return GraphQLNonNull.nonNull(type(nonNull.getType()));
        }
        if (type instanceof ListType list) {
            return GraphQLList.list(type(list.getType()));
        }
        // by name, also for the built-in scalars: SmallRye defines its own Int, Float, ... and names must be unique
        return GraphQLTypeReference.typeRef(((TypeName) type).getName());
    }

    /** @return graphql-java's built-in scalars, for those the gateway's own schema does not define already */
    static java.util.List<graphql.schema.GraphQLScalarType> builtInScalars() {
        return java.util.List.of(Scalars.GraphQLString, Scalars.GraphQLInt, Scalars.GraphQLFloat, Scalars.GraphQLBoolean,
                Scalars.GraphQLID);
    }

    private static String text(Description description) {
        return description == null ? null : description.getContent();
    }
}
