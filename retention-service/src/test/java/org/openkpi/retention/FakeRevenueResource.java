package org.openkpi.retention;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A fake revenue-service answering {@code changeFeed(after, first)} on POST /graphql with scripted entries per
 * tenant (the tenant is read from the bearer token, which must be present). Tests script it over HTTP
 * ({@link FakeRevenue}): POST /control/append, /control/down, /control/repeat-once, /control/reset.
 */
public class FakeRevenueResource implements QuarkusTestResourceLifecycleManager {

    private static HttpServer server;
    static final Map<String, List<JsonObject>> FEEDS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> REPEAT_ONCE = new ConcurrentHashMap<>();
    static final String CLIENT_ID = "retention-service";
    static final String CLIENT_SECRET = "test-secret";
    /** Feed requests per tenant and kind of token ("user" or "service"), and token endpoint requests. */
    static final Map<String, java.util.concurrent.atomic.AtomicInteger> READS = new ConcurrentHashMap<>();
    static final java.util.concurrent.atomic.AtomicInteger TOKENS_ISSUED = new java.util.concurrent.atomic.AtomicInteger();
    static volatile boolean down;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (server == null) {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/graphql", FakeRevenueResource::graphql);
                server.createContext("/control", FakeRevenueResource::control);
                server.createContext("/token", FakeRevenueResource::token);
                server.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // the service client is enabled, its token endpoint being this server's /token
        return Map.of("kpi.revenue.url", base + "/graphql",
                "kpi.feed.page-size", "25", "kpi.feed.max-pages-per-sync", "1",
                "kpi.service-client.enabled", "true", "quarkus.oidc-client.client-enabled", "true",
                "quarkus.oidc-client.token-path", base + "/token",
                "quarkus.oidc-client.client-id", CLIENT_ID, "quarkus.oidc-client.credentials.secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // lives for the test JVM
    }

    private static JsonObject read(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : Json.createReader(new StringReader(body)).readObject();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static JsonObject claims(String authorization) {
        String token = authorization.substring("Bearer ".length());
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(payload)).readObject();
    }

    static boolean hasRole(JsonObject claims, String role) {
        return claims.containsKey("groups") && claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(g -> g.getString().equals(role));
    }

    /** As revenue-service: changeFeed admits kpi-viewer or kpi-service; a service token names its tenant in X-Kpi-Tenant. */
    private static String tenantOf(HttpExchange ex, JsonObject claims) {
        if (claims.containsKey("tenant_id")) {
            return hasRole(claims, "kpi-viewer") || hasRole(claims, "kpi-service") ? count(claims.getString("tenant_id"), "user") : null;
        }
        String header = ex.getRequestHeaders().getFirst("X-Kpi-Tenant");
        return hasRole(claims, "kpi-service") && header != null ? count(header, "service") : null;
    }

    private static String count(String tenant, String kind) {
        READS.computeIfAbsent(tenant + "/" + kind, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return tenant;
    }

    /** A client-credentials token endpoint issuing kpi-service tokens (HTTP Basic client authentication). */
    private static void token(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(ex.getRequestMethod()) || !form.contains("grant_type=client_credentials")
                || !basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        TOKENS_ISSUED.incrementAndGet();
        send(ex, 200, Json.createObjectBuilder().add("access_token", Tokens.service()).add("token_type", "Bearer")
                .add("expires_in", 3600).build().toString());
    }

    private static void graphql(HttpExchange ex) throws IOException {
        JsonObject request = read(ex);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(ex, 401, "{}");
            return;
        }
        if (down) {
            send(ex, 503, "{\"error\":\"down\"}");
            return;
        }
        String tenant = tenantOf(ex, claims(auth));
        if (tenant == null) {
            send(ex, 200, "{\"errors\":[{\"message\":\"requires role kpi-viewer or kpi-service\",\"extensions\":{\"code\":\"FORBIDDEN\"}}]}");
            return;
        }
        JsonObject vars = request.getJsonObject("variables");
        String after = vars.isNull("after") ? null : vars.getString("after");
        int first = vars.getInt("first");
        if (REPEAT_ONCE.remove(tenant) != null) {
            after = null; // deliver the first page again, ignoring after
        }
        long afterSeq = after == null ? 0 : Long.parseLong(after);
        List<JsonObject> feed = FEEDS.getOrDefault(tenant, List.of());
        List<JsonObject> page = new ArrayList<>();
        boolean more = false;
        synchronized (FEEDS) {
            for (JsonObject e : feed) {
                if (Long.parseLong(e.getString("cursor")) > afterSeq) {
                    if (page.size() == first) {
                        more = true;
                        break;
                    }
                    page.add(e);
                }
            }
        }
        JsonArrayBuilder entries = Json.createArrayBuilder();
        page.forEach(entries::add);
        JsonObjectBuilder cf = Json.createObjectBuilder().add("entries", entries).add("hasMore", more);
        String end = page.isEmpty() ? after : page.get(page.size() - 1).getString("cursor");
        cf.add("endCursor", end == null ? JsonValue.NULL : Json.createValue(end));
        send(ex, 200, Json.createObjectBuilder().add("data", Json.createObjectBuilder().add("changeFeed", cf)).build().toString());
    }

    private static void control(HttpExchange ex) throws IOException {
        JsonObject body = read(ex);
        String path = ex.getRequestURI().getPath();
        switch (path) {
            case "/control/append" -> {
                // entries come with their cursors (assigned by the test client, increasing)
                synchronized (FEEDS) {
                    for (JsonValue v : body.getJsonArray("entries")) {
                        JsonObject e = v.asJsonObject();
                        FEEDS.computeIfAbsent(e.getString("tenant"), k -> new ArrayList<>()).add(e);
                    }
                }
                send(ex, 200, "{}");
            }
            case "/control/down" -> {
                down = body.getBoolean("down");
                send(ex, 200, "{}");
            }
            case "/control/reads" -> {
                String t = body.getString("tenant");
                send(ex, 200, Json.createObjectBuilder()
                        .add("user", READS.getOrDefault(t + "/user", new java.util.concurrent.atomic.AtomicInteger()).get())
                        .add("service", READS.getOrDefault(t + "/service", new java.util.concurrent.atomic.AtomicInteger()).get())
                        .add("tokensIssued", TOKENS_ISSUED.get()).build().toString());
            }
            case "/control/repeat-once" -> {
                REPEAT_ONCE.put(body.getString("tenant"), true);
                send(ex, 200, "{}");
            }
            default -> send(ex, 404, "{}");
        }
    }
}
