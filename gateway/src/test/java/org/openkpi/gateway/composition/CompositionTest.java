package org.openkpi.gateway.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CompositionTest {

    private static final String A = """
            schema @link(import : ["@key", "@shareable"], url : "https://specs.apollo.dev/federation/v2.7") { query: Query mutation: Mutation }
            type Query { _service: _Service! _entities(representations: [_Any!]!): [_Entity]! mrrSeries(range: DateRangeInput!): [Point!]! customer(id: ID!): Customer }
            type Mutation { recordPlans(plans: [String!]!): Int! }
            type Point @shareable { period: Period! value: BigDecimal }
            type Period @shareable { start: Date! end: Date! }
            type Customer @key(fields : "id") { id: ID! revenue(asOf: Date): String }
            input DateRangeInput { from: Date! to: Date! }
            type _Service { sdl: String }
            union _Entity = Customer
            scalar _Any
            scalar link__Import
            scalar federation__FieldSet
            scalar BigDecimal
            scalar Date
            """;
    private static final String B = """
            type Query { funnel(range: DateRangeInput!): [Funnel!]! }
            type Funnel { period: Period! visitors: Int! }
            type Period @shareable { start: Date! end: Date! }
            type Customer @key(fields : "id") { id: ID! acquisition: String }
            input DateRangeInput { from: Date! to: Date! }
            scalar Date
            """;

    @Test
    void rootFieldsAreOwnedByTheirServiceAndSharedTypesMergeOnce() {
        Composition c = Composition.compose(sdl("revenue", A, "acquisition", B));
        assertEquals("revenue", c.queries().get("mrrSeries").service());
        assertEquals("revenue", c.queries().get("customer").service());
        assertEquals("acquisition", c.queries().get("funnel").service());
        assertEquals("revenue", c.mutations().get("recordPlans").service());
        assertFalse(c.queries().containsKey("_service"), "federation plumbing is not served");
        assertFalse(c.queries().containsKey("_entities"));
        assertTrue(c.types().containsKey("Period"));
        assertFalse(c.types().containsKey("_Any"));
        assertFalse(c.types().containsKey("link__Import"));
        assertFalse(c.types().containsKey("federation__FieldSet"));
        assertEquals(List.of("acquisition", "revenue"), List.copyOf(c.services()));
    }

    @Test
    void entityFieldsAreTheUnionOfEveryServicesFields() {
        Composition c = Composition.compose(sdl("revenue", A, "acquisition", B));
        assertTrue(c.isEntity("Customer"));
        assertEquals(List.of("id"), c.entityKey("Customer"));
        assertEquals("revenue", c.entityFieldOwner("Customer", "revenue"));
        assertEquals("acquisition", c.entityFieldOwner("Customer", "acquisition"));
        assertNull(c.entityFieldOwner("Customer", "id"), "the key is resolved by every service");
        var customer = (graphql.language.ObjectTypeDefinition) c.types().get("Customer");
        assertEquals(List.of("id", "revenue", "acquisition"),
                customer.getFieldDefinitions().stream().map(f -> f.getName()).toList());
    }

    @Test
    void aRootFieldOfTwoServicesIsRefused() {
        String other = "type Query { mrrSeries(range: DateRangeInput!): Int }\ninput DateRangeInput { from: Date! to: Date! }\nscalar Date";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Composition.compose(sdl("revenue", A, "retention", other)));
        assertTrue(e.getMessage().contains("query field 'mrrSeries' is defined by both revenue and retention"), e.getMessage());
    }

    @Test
    void aSharedTypeThatDiffersIsRefused() {
        String other = "type Query { x: Period }\ntype Period { start: Date! }\nscalar Date";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Composition.compose(sdl("revenue", A, "support", other)));
        assertTrue(e.getMessage().contains("type Period differs between revenue and support"), e.getMessage());
    }

    @Test
    void anEntityFieldOfTwoServicesIsRefused() {
        String other = "type Query { y: Int }\ntype Customer @key(fields : \"id\") { id: ID! revenue: String }";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Composition.compose(sdl("revenue", A, "support", other)));
        assertTrue(e.getMessage().contains("entity field Customer.revenue is defined by both revenue and support"), e.getMessage());
    }

    @Test
    void theSnapshotsShippedWithTheGatewayCompose() {
        Composition c = new SubgraphSchemas().composition();
        assertEquals(List.of("acquisition", "retention", "revenue", "support"), List.copyOf(c.services()));
        assertEquals("revenue", c.queries().get("customer").service());
        assertEquals("support", c.entityFieldOwner("Customer", "support"));
        assertEquals("retention", c.entityFieldOwner("Customer", "retention"));
        assertEquals("acquisition", c.entityFieldOwner("Customer", "acquisition"));
        assertEquals("revenue", c.entityFieldOwner("Customer", "revenue"));
    }

    private static Map<String, String> sdl(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
