package org.openkpi.gateway.composition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;

/**
 * The operation one service is sent for some root fields of a client's operation: the fields under their response
 * keys, with exactly the client variables they use (declared as the client declared them, valued as the client
 * sent them). {@code entities} tells whether the selection reaches an entity type, whose fields of other services
 * the gateway must then resolve itself.
 */
record ServiceOperation(String query, Map<String, Object> variables, boolean entities) {

    static ServiceOperation print(Composition composition, GraphQLSchema schema, Map<String, FragmentDefinition> fragments,
            String service, GraphQLFieldsContainer root, List<Field> fields, String operationType,
            List<VariableDefinition> definitions, Map<String, Object> values) {
        SelectionPrinter printer = new SelectionPrinter(composition, schema, fragments, service);
        for (Field field : fields) {
            printer.field(field, field.getResultKey(), root, false);
        }
        String query = operationType + SelectionPrinter.declarations(printer.variables(), definitions, null)
                + " { " + printer.body() + "}";
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : printer.variables()) {
            variables.put(name, values.get(name));
        }
        return new ServiceOperation(query, variables, printer.entities());
    }
}
