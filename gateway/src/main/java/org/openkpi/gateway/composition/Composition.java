package org.openkpi.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserOptions;
import graphql.language.AstPrinter;

/**
 * The merge of the domain services' subgraph schemas (their federation SDL, {@code _service { sdl }}), as the gateway
 * serves it: every root query and mutation field of every service under its own name, owned by exactly one service;
 * value types that several services define (Period, Money, Ratio, ...) once, after checking that the definitions
 * agree; entity types ({@code @key}, i.e. {@code Customer}) as the union of every service's fields, each field owned
 * by the service that contributes it. Federation plumbing ({@code _service}, {@code _entities}, {@code _Any},
 * {@code link__*}, {@code federation__*}, directive definitions) is left out.
 *
 * <p>Composition fails, naming the services and the element, when two services define the same root field or the
 * same non-entity type differently: the gateway would otherwise serve one of them silently.
 */
public final class Composition {

    /** The root field of one service, as the gateway exposes it. */
    public record RootField(String service, FieldDefinition definition) {
    }

    private final Map<String, RootField> queries;
    private final Map<String, RootField> mutations;
    private final Map<String, TypeDefinition<?>> types;
    private final Map<String, Map<String, String>> entityFieldOwners;
    private final Set<String> services;
    private final Map<String, List<String>> entityKeys;

    private Composition(Set<String> services, Map<String, RootField> queries, Map<String, RootField> mutations,
            Map<String, TypeDefinition<?>> types, Map<String, Map<String, String>> entityFieldOwners,
            Map<String, List<String>> entityKeys) {
        this.services = services;
        this.queries = queries;
        this.mutations = mutations;
        this.types = types;
        this.entityFieldOwners = entityFieldOwners;
        this.entityKeys = entityKeys;
    }

    /** @return the composed services' names */
    public Set<String> services() {
        return services;
    }

    public Map<String, RootField> queries() {
        return queries;
    }

    public Map<String, RootField> mutations() {
        return mutations;
    }

    /** @return every non-root type by name (object, input, enum, scalar), merged */
    public Map<String, TypeDefinition<?>> types() {
        return types;
    }

    public boolean isEntity(String type) {
        return entityFieldOwners.containsKey(type);
    }

    /** @return the service that resolves {@code field} of entity {@code type}, or null for a key field (every service has it) */
    public String entityFieldOwner(String type, String field) {
        Map<String, String> owners = entityFieldOwners.get(type);
        return owners == null ? null : owners.get(field);
    }

    /** @return the key fields of an entity type (for Customer: id) */
    public List<String> entityKey(String type) {
        return entityKeys.getOrDefault(type, List.of());
    }

    /** Parses and merges subgraph SDLs keyed by service name (iteration order decides nothing but error messages). */
    public static Composition compose(Map<String, String> sdlByService) {
        Map<String, RootField> queries = new TreeMap<>();
        Map<String, RootField> mutations = new TreeMap<>();
        Map<String, TypeDefinition<?>> types = new TreeMap<>();
        Map<String, String> typeOrigin = new LinkedHashMap<>();
        Map<String, Map<String, String>> entityOwners = new TreeMap<>();
        Map<String, List<String>> entityKeys = new TreeMap<>();
        Map<String, Map<String, FieldDefinition>> entityFields = new TreeMap<>();
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, String> entry : sdlByService.entrySet()) {
            String service = entry.getKey();
            Document document = parse(service, entry.getValue());
            String queryName = "Query";
            String mutationName = "Mutation";
            for (Definition<?> d : document.getDefinitions()) {
                if (d instanceof SchemaDefinition schema) {
                    for (OperationTypeDefinition op : schema.getOperationTypeDefinitions()) {
                        if (op.getName().equals("query")) queryName = op.getTypeName().getName();
                        if (op.getName().equals("mutation")) mutationName = op.getTypeName().getName();
                    }
                }
            }
            for (Definition<?> d : document.getDefinitions()) {
                if (!(d instanceof TypeDefinition<?> type) || isFederationInternal(type.getName())) {
                    continue;
                }
                if (d instanceof ObjectTypeExtensionDefinition) {
                    problems.add(service + ": type extensions are not supported (" + type.getName() + ")");
                    continue;
                }
                String name = type.getName();
                if (name.equals(queryName) || name.equals(mutationName)) {
                    Map<String, RootField> target = name.equals(queryName) ? queries : mutations;
                    for (FieldDefinition field : ((ObjectTypeDefinition) type).getFieldDefinitions()) {
                        if (field.getName().startsWith("_")) {
                            continue;
                        }
                        RootField previous = target.putIfAbsent(field.getName(), new RootField(service, field));
                        if (previous != null) {
                            problems.add((target == queries ? "query" : "mutation") + " field '" + field.getName()
                                    + "' is defined by both " + previous.service() + " and " + service);
                        }
                    }
                    continue;
                }
                List<String> key = keyFields(type);
                if (key != null) {
                    ObjectTypeDefinition object = (ObjectTypeDefinition) type;
                    entityKeys.putIfAbsent(name, key);
                    Map<String, String> owners = entityOwners.computeIfAbsent(name, n -> new TreeMap<>());
                    Map<String, FieldDefinition> fields = entityFields.computeIfAbsent(name, n -> new LinkedHashMap<>());
                    for (FieldDefinition field : object.getFieldDefinitions()) {
                        if (key.contains(field.getName())) {
                            fields.putIfAbsent(field.getName(), field);
                            continue;
                        }
                        String previous = owners.putIfAbsent(field.getName(), service);
                        if (previous != null) {
                            problems.add("entity field " + name + "." + field.getName() + " is defined by both "
                                    + previous + " and " + service);
                        }
                        fields.put(field.getName(), field);
                    }
                    continue;
                }
                TypeDefinition<?> previous = types.putIfAbsent(name, type);
                if (previous == null) {
                    typeOrigin.put(name, service);
                } else if (!signature(previous).equals(signature(type))) {
                    problems.add("type " + name + " differs between " + typeOrigin.get(name) + " and " + service
                            + ": " + signature(previous) + " vs " + signature(type));
                }
            }
        }
        for (Map.Entry<String, Map<String, FieldDefinition>> entity : entityFields.entrySet()) {
            if (types.containsKey(entity.getKey())) {
                problems.add("type " + entity.getKey() + " is an entity in one service and a plain type in another");
                continue;
            }
            types.put(entity.getKey(), ObjectTypeDefinition.newObjectTypeDefinition()
                    .name(entity.getKey())
                    .fieldDefinitions(new ArrayList<>(entity.getValue().values()))
                    .build());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the subgraph schemas do not compose:\n  " + String.join("\n  ", problems));
        }
        return new Composition(new java.util.TreeSet<>(sdlByService.keySet()), queries, mutations, types, entityOwners, entityKeys);
    }

    static boolean isFederationInternal(String name) {
        return name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__")
                || Set.of("FieldSet", "Import", "Purpose", "Policy", "Scope", "ContextFieldValue").contains(name);
    }

    private static Document parse(String service, String sdl) {
        ParserOptions options = ParserOptions.newParserOptions().maxTokens(Integer.MAX_VALUE)
                .maxWhitespaceTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE).build();
        try {
            return Parser.parse(graphql.parser.ParserEnvironment.newParserEnvironment().document(sdl)
                    .parserOptions(options).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the subgraph schema of " + service + " does not parse: " + e.getMessage(), e);
        }
    }

    /** @return the key field names of an {@code @key} type, or null when the type is not an entity */
    private static List<String> keyFields(TypeDefinition<?> type) {
        if (!(type instanceof ObjectTypeDefinition object)) {
            return null;
        }
        for (Directive directive : object.getDirectives()) {
            if (directive.getName().equals("key") || directive.getName().equals("federation__key")) {
                var fields = directive.getArgument("fields");
                if (fields != null && fields.getValue() instanceof StringValue s) {
                    return List.of(s.getValue().trim().split("\\s+"));
                }
            }
        }
        return null;
    }

    /** A description- and directive-free rendering of a type, for checking that two services agree on it. */
    static String signature(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition object) {
            return "type{" + object.getFieldDefinitions().stream()
                    .map(f -> f.getName() + args(f.getInputValueDefinitions()) + ":" + AstPrinter.printAst(f.getType()))
                    .sorted().collect(Collectors.joining(",")) + "}";
        }
        if (type instanceof InputObjectTypeDefinition input) {
            return "input{" + args(input.getInputValueDefinitions()) + "}";
        }
        if (type instanceof EnumTypeDefinition e) {
            return "enum{" + e.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).sorted()
                    .collect(Collectors.joining(",")) + "}";
        }
        if (type instanceof ScalarTypeDefinition) {
            return "scalar";
        }
        return type.getClass().getSimpleName();
    }

    private static String args(List<InputValueDefinition> values) {
        if (values.isEmpty()) {
            return "";
        }
        return "(" + values.stream()
                .map(v -> v.getName() + ":" + AstPrinter.printAst(v.getType())
                        + (v.getDefaultValue() == null ? "" : "=" + AstPrinter.printAst(v.getDefaultValue())))
                .sorted().collect(Collectors.joining(",")) + ")";
    }
}
