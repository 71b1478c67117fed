package org.openkpi.gateway.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** How the pre-parse finds a request's query in its JSON body without reading the variables into a tree. */
class UnparseableDocumentsTest {

    @Test
    void theQueryIsFoundBeforeOrAfterTheVariables() {
        assertEquals("{ plans { code } }", query("{\"query\":\"{ plans { code } }\",\"variables\":{\"a\":[1,{\"query\":\"no\"}]}}"));
        assertEquals("{ a }", query("{\"operationName\":null,\"variables\":{\"query\":\"nested, not this\",\"b\":[[{}]]},\"query\":\"{ a }\"}"));
        assertEquals("{ a(s: \"x\\\"y\") }", query("{\"query\":\"{ a(s: \\\"x\\\\\\\"y\\\") }\"}"));
    }

    @Test
    void anythingElseIsLeftToSmallRye() {
        assertNull(query(""));
        assertNull(query("not json"));
        assertNull(query("[{\"query\":\"{ a }\"}]"));
        assertNull(query("{\"query\":42}"));
        assertNull(query("{\"variables\":{}}"));
        assertNull(query("{\"variables\":{\"a\":[1,"), "a body cut short before its query");
        assertNull(query("{\"query\":\"{ a "), "a body cut short inside its query");
        assertNull(UnparseableDocuments.query(null));
    }

    private static String query(String body) {
        return UnparseableDocuments.query(Buffer.buffer(body));
    }
}
