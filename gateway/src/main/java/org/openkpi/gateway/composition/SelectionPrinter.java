package org.openkpi.gateway.composition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

/**
 * Writes the part of a client's operation that one service must answer, as a new operation for that service.
 * Fragment spreads are written inline (so each selection can be filtered for the service), entity selections keep
 * only the fields the service owns plus the key under {@link #KEY_ALIAS_PREFIX}, and the operation declares exactly
 * the client variables it uses.
 */
final class SelectionPrinter {

    /** Alias under which an entity's key field is always fetched, so fields of other services can be resolved. */
    static final String KEY_ALIAS_PREFIX = "gw_key_";

    private final Composition composition;
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final String service;
    private final StringBuilder out = new StringBuilder(256);
    private final Set<String> variables = new LinkedHashSet<>();
    private boolean entities;

    SelectionPrinter(Composition composition, GraphQLSchema schema, Map<String, FragmentDefinition> fragments, String service) {
        this.composition = composition;
        this.schema = schema;
        this.fragments = fragments;
        this.service = service;
    }

    /** Appends {@code alias: name(args) @directives { ... }} for a field of {@code parent}; the alias is always written. */
    SelectionPrinter field(Field field, String alias, GraphQLFieldsContainer parent, boolean withDirectives) {
        out.append(alias).append(':').append(field.getName());
        arguments(field.getArguments());
        if (withDirectives) {
            directives(field.getDirectives());
        }
        if (field.getSelectionSet() != null) {
            GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
            GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(definition.getType());
            selectionSet(field.getSelectionSet(), type);
        }
        out.append(' ');
        return this;
    }

    SelectionPrinter raw(String text) {
        out.append(text);
        return this;
    }

    String body() {
        return out.toString();
    }

    Set<String> variables() {
        return variables;
    }

    /** @return whether a selection printed so far is of an entity type */
    boolean entities() {
        return entities;
    }

    /** @return {@code ($a: T, $b: U)} for the variables used, taken from the client's operation; empty when none */
    static String declarations(Set<String> used, List<VariableDefinition> definitions, String extra) {
        StringBuilder s = new StringBuilder();
        for (VariableDefinition definition : definitions) {
            if (used.contains(definition.getName())) {
                s.append(s.length() == 0 ? "" : ", ").append('$').append(definition.getName()).append(": ")
                        .append(AstPrinter.printAst(definition.getType()));
            }
        }
        if (extra != null) {
            s.append(s.length() == 0 ? "" : ", ").append(extra);
        }
        return s.length() == 0 ? "" : "(" + s + ")";
    }

    private void selectionSet(SelectionSet selectionSet, GraphQLNamedType type) {
        out.append(" {");
        boolean entity = composition.isEntity(type.getName());
        if (entity) {
            entities = true;
            for (String key : composition.entityKey(type.getName())) {
                out.append(' ').append(KEY_ALIAS_PREFIX).append(key).append(':').append(key);
            }
        }
        selections(selectionSet, type);
        out.append(" }");
    }

    private void selections(SelectionSet selectionSet, GraphQLNamedType type) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                if (field.getName().equals("__typename")) {
                    out.append(' ').append(field.getResultKey()).append(":__typename");
                    directives(field.getDirectives());
                    continue;
                }
                if (composition.isEntity(type.getName())) {
                    String owner = composition.entityFieldOwner(type.getName(), field.getName());
                    if (owner != null && !owner.equals(service)) {
                        continue;
                    }
                }
                out.append(' ');
                field(field, field.getResultKey(), (GraphQLFieldsContainer) type, true);
            } else if (selection instanceof InlineFragment inline) {
                GraphQLNamedType on = inline.getTypeCondition() == null ? type
                        : (GraphQLNamedType) schema.getType(inline.getTypeCondition().getName());
                out.append(" ... on ").append(on.getName());
                directives(inline.getDirectives());
                out.append(" {");
                selections(inline.getSelectionSet(), on);
                out.append(" }");
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                GraphQLNamedType on = (GraphQLNamedType) schema.getType(fragment.getTypeCondition().getName());
                out.append(" ... on ").append(on.getName());
                directives(spread.getDirectives());
                directives(fragment.getDirectives());
                out.append(" {");
                selections(fragment.getSelectionSet(), on);
                out.append(" }");
            }
        }
    }

    private void arguments(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            return;
        }
        out.append('(');
        boolean first = true;
        for (Argument argument : arguments) {
            out.append(first ? "" : ", ").append(AstPrinter.printAst(argument));
            collect(argument.getValue());
            first = false;
        }
        out.append(')');
    }

    private void directives(List<Directive> directives) {
        for (Directive directive : directives) {
            out.append(' ').append(AstPrinter.printAst(directive));
            for (Argument argument : directive.getArguments()) {
                collect(argument.getValue());
            }
        }
    }

    private void collect(Value<?> value) {
        if (value instanceof VariableReference reference) {
            variables.add(reference.getName());
        } else if (value instanceof ArrayValue array) {
            array.getValues().forEach(this::collect);
        } else if (value instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                collect(field.getValue());
            }
        }
    }
}
