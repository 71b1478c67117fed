package org.openkpi.retention;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The GraphQL limits (depth 15, complexity 1000, 15000 tokens, 8 MB body) and codes on graphql-java's own errors. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class LimitsTest {

    private final Gql gql = Gql.as("limits");

    static void code(JsonPath r, String code) {
        assertEquals(code, r.get("errors[0].extensions.code"), r.prettify());
        String message = r.getString("errors[0].message");
        for (String leak : new String[] { "SQL", "org.", "java.", "Exception" }) {
            assertTrue(!message.contains(leak), message);
        }
    }

    /** A selection nested {@code depth} fields deep (introspection's ofType chain nests without end). */
    static String nested(int depth) {
        // __type(1) ofType(2..depth-1) name(depth)
        StringBuilder q = new StringBuilder("{ __type(name:\"Query\") {");
        for (int i = 2; i < depth; i++) {
            q.append(" ofType {");
        }
        q.append(" name");
        q.append(" }".repeat(depth - 1)).append(" }");
        return q.toString();
    }

    @Test
    void depthAbove15IsLimitExceeded() {
        JsonPath ok = gql.run(nested(15), null);
        assertEquals(null, ok.getList("errors"), ok.prettify());
        JsonPath r = gql.run(nested(16), null);
        code(r, "LIMIT_EXCEEDED");
        assertTrue(r.getString("errors[0].message").startsWith("maximum query depth exceeded"), r.prettify());
    }

    @Test
    void complexityAbove1000IsLimitExceeded() {
        StringBuilder q = new StringBuilder("{");
        for (int i = 0; i < 501; i++) {
            q.append(" a").append(i).append(": retentionServiceInfo { service }");
        }
        JsonPath r = gql.run(q.append(" }").toString(), null);
        code(r, "LIMIT_EXCEEDED");
        assertTrue(r.getString("errors[0].message").startsWith("maximum query complexity exceeded"), r.prettify());
    }

    @Test
    void moreThan15000TokensIsLimitExceeded() {
        String q = "{ retentionServiceInfo {" + " service".repeat(15_001) + " } }";
        JsonPath r = gql.run(q, null);
        code(r, "LIMIT_EXCEEDED");
        assertTrue(r.getString("errors[0].message").contains("15,000 'grammar' tokens"), r.prettify());
    }

    @Test
    void aBodyAbove8MegabytesIs413() throws Exception {
        byte[] body = ("{\"query\":\"{ retentionServiceInfo { service } }\",\"variables\":{\"pad\":\"" + "x".repeat(9 * 1024 * 1024)
                + "\"}}").getBytes(StandardCharsets.UTF_8);
        // a raw socket: the server answers 413 and closes before the body is sent, which HTTP clients report as a broken pipe
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                    + Tokens.forTenant("limits") + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                for (int off = 0; off < body.length; off += 65536) {
                    out.write(body, off, Math.min(65536, body.length - off));
                }
                out.flush();
            } catch (IOException closed) {
                // expected once the server has answered
            }
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 413"), status);
        }
    }

    @Test
    void aSyntaxErrorWithoutTokenIsStillUnauthorized() {
        given().contentType(ContentType.JSON).body("{\"query\":\"{ npsSeries(\"}")
                .when().post("/graphql")
                .then().statusCode(401);
    }

    @Test
    void unknownEnumValuesAndWrongTypedVariablesAreValidation() {
        JsonPath enumValue = gql.run("{ npsSeries(range:{from:\"2024-01-01\",to:\"2024-02-01\"}, granularity:DECADE){ responses } }", null);
        code(enumValue, "VALIDATION");
        JsonPath enumVariable = gql.run(EngagementAndFeedbackTest.NPS, Map.of("r", Gql.range("2024-01-01", "2024-02-01"), "g", "DECADE"));
        code(enumVariable, "VALIDATION");
        JsonPath wrongType = gql.run(EngagementAndFeedbackTest.NPS, Map.of("r", Map.of("from", 20240101, "to", true), "g", "MONTH"));
        code(wrongType, "VALIDATION");
        JsonPath syntax = gql.run("{ npsSeries(", null);
        code(syntax, "VALIDATION");
        JsonPath unknownField = gql.run("{ noSuchField }", null);
        code(unknownField, "VALIDATION");
        JsonPath missingArgument = gql.run("{ npsSeries(granularity:MONTH){ responses } }", null);
        code(missingArgument, "VALIDATION");
        assertNotNull(missingArgument.get("errors[0].locations"));
    }

    @Test
    void theServiceStillAnswersAfterwards() {
        gql.run(nested(16), null);
        gql.run("{ retentionServiceInfo {" + " service".repeat(15_001) + " } }", null);
        assertEquals("retention-service", gql.ok("{ retentionServiceInfo { service } }").get("data.retentionServiceInfo.service"));
    }
}
