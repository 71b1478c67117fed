package org.openkpi.acquisition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

/**
 * A scripted stand-in for revenue-service's changeFeed query (JDK HttpServer), one feed per tenant (read from the
 * bearer token's tenant_id claim). It answers pages after the given cursor, can deliver the next page ignoring
 * {@code after} once (a page delivered twice), and can fail (revenue-service down).
 */
public class FakeRevenueService implements QuarkusTestResourceLifecycleManager {

    record Entry(long cursor, String type, Long reverses, String customerId, String day, String kind, String channel,
            Instant recordedAt) {
    }

    private static final Map<String, List<Entry>> FEEDS = new ConcurrentHashMap<>();
    private static final Set<String> IGNORE_AFTER_ONCE = ConcurrentHashMap.newKeySet();
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    static final AtomicInteger UNAUTHORIZED = new AtomicInteger();
    /** Feed requests with a user token lacking kpi-viewer (revenue-service would refuse them). */
    static final AtomicInteger FORBIDDEN = new AtomicInteger();
    /** Client-credentials grants served by the token endpoint. */
    static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    /** Feed requests per tenant made with the service client's token and X-Kpi-Tenant. */
    static final Map<String, AtomicInteger> SERVICE_READS = new ConcurrentHashMap<>();
    /** Feed requests per tenant made with a user's own token. */
    static final Map<String, AtomicInteger> USER_READS = new ConcurrentHashMap<>();
    static final String CLIENT_ID = "acquisition-service";
    static final String CLIENT_SECRET = "test-secret";
    private static HttpServer server;

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/graphql", FakeRevenueService::handle);
        server.createContext("/token", FakeRevenueService::token);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // the service client is on in the tests, with this server as the identity provider's token endpoint
        return Map.of("kpi.revenue.url", base + "/graphql",
                "kpi.service-client.enabled", "true",
                "quarkus.oidc-client.client-enabled", "true",
                "quarkus.oidc-client.token-path", base + "/token",
                "quarkus.oidc-client.client-id", CLIENT_ID,
                "quarkus.oidc-client.credentials.secret", CLIENT_SECRET);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    // ---- scripting ------------------------------------------------------------------------------

    /** Appends a MOVEMENT and returns its cursor. */
    public static synchronized long movement(String tenant, String customer, String kind, String day, String channel) {
        List<Entry> feed = FEEDS.computeIfAbsent(tenant, t -> new ArrayList<>());
        long cursor = feed.size() + 1;
        feed.add(new Entry(cursor, "MOVEMENT", null, customer, day, kind, channel, Instant.now()));
        return cursor;
    }

    /** Appends a REVERSAL of the movement with that cursor (repeating its fields) and returns its cursor. */
    public static synchronized long reversal(String tenant, long reversed) {
        List<Entry> feed = FEEDS.get(tenant);
        Entry m = feed.get((int) reversed - 1);
        long cursor = feed.size() + 1;
        feed.add(new Entry(cursor, "REVERSAL", reversed, m.customerId(), m.day(), m.kind(), m.channel(), Instant.now()));
        return cursor;
    }

    public static void deliverFromStartOnce(String tenant) {
        IGNORE_AFTER_ONCE.add(tenant);
    }

    public static void setFailing(String tenant, boolean failing) {
        if (failing) {
            FAILING.add(tenant);
        } else {
            FAILING.remove(tenant);
        }
    }

    // ---- serving --------------------------------------------------------------------------------

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                UNAUTHORIZED.incrementAndGet();
                reply(exchange, 401, "{}");
                return;
            }
            JsonObject claims = claimsOf(auth.substring(7));
            String tenant = claims.getString("tenant_id", "");
            boolean service = claims.containsKey("groups") && claims.getJsonArray("groups").toString().contains("\"kpi-service\"");
            boolean viewer = claims.containsKey("groups") && claims.getJsonArray("groups").toString().contains("\"kpi-viewer\"");
            if (tenant.isEmpty()) {
                String header = exchange.getRequestHeaders().getFirst("X-Kpi-Tenant");
                if (!service || header == null || !header.matches("[A-Za-z0-9._:-]{1,128}")) {
                    UNAUTHORIZED.incrementAndGet();
                    reply(exchange, 200, "{\"errors\":[{\"message\":\"no tenant\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}],\"data\":null}");
                    return;
                }
                tenant = header;
                SERVICE_READS.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
            } else if (!viewer) {
                FORBIDDEN.incrementAndGet();
                reply(exchange, 200, "{\"errors\":[{\"message\":\"requires role kpi-viewer or kpi-service\",\"extensions\":{\"code\":\"FORBIDDEN\"}}],\"data\":null}");
                return;
            } else {
                USER_READS.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
            }
            if (FAILING.contains(tenant)) {
                reply(exchange, 503, "{}");
                return;
            }
            JsonObject request;
            try (InputStream in = exchange.getRequestBody(); JsonReader r = Json.createReader(in)) {
                request = r.readObject();
            }
            JsonObject vars = request.getJsonObject("variables");
            long after = vars.isNull("after") ? 0 : Long.parseLong(vars.getString("after"));
            int first = vars.getInt("first");
            if (IGNORE_AFTER_ONCE.remove(tenant)) {
                after = 0;
            }
            reply(exchange, 200, page(tenant, after, first));
        }
    }

    private static synchronized String page(String tenant, long after, int first) {
        List<Entry> feed = FEEDS.getOrDefault(tenant, List.of());
        JsonArrayBuilder entries = Json.createArrayBuilder();
        int n = 0;
        Long end = after == 0 ? null : after;
        boolean more = false;
        for (Entry e : feed) {
            if (e.cursor() <= after) {
                continue;
            }
            if (n == first) {
                more = true;
                break;
            }
            JsonObjectBuilder o = Json.createObjectBuilder().add("cursor", Long.toString(e.cursor())).add("type", e.type())
                    .add("customerId", e.customerId()).add("day", e.day()).add("kind", e.kind())
                    .add("fromMrr", "0").add("toMrr", "100").add("currency", "USD").add("recordedAt", e.recordedAt().toString());
            if (e.reverses() == null) {
                o.addNull("reversesCursor");
            } else {
                o.add("reversesCursor", Long.toString(e.reverses()));
            }
            if (e.channel() == null) {
                o.addNull("channel");
            } else {
                o.add("channel", e.channel());
            }
            entries.add(o);
            end = e.cursor();
            n++;
        }
        JsonObjectBuilder page = Json.createObjectBuilder().add("entries", entries).add("hasMore", more);
        if (end == null) {
            page.addNull("endCursor");
        } else {
            page.add("endCursor", Long.toString(end));
        }
        return Json.createObjectBuilder().add("data", Json.createObjectBuilder().add("changeFeed", page)).build().toString();
    }

    private static JsonObject claimsOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try (JsonReader r = Json.createReader(new StringReader(payload))) {
            return r.readObject();
        }
    }

    /** The identity provider's token endpoint: client credentials (HTTP Basic) for a kpi-service token. */
    private static void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form;
            try (InputStream in = exchange.getRequestBody()) {
                form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization")) || !form.contains("grant_type=client_credentials")) {
                reply(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            TOKENS_ISSUED.incrementAndGet();
            reply(exchange, 200, Json.createObjectBuilder().add("access_token", Tokens.serviceClient(java.time.Duration.ofMinutes(5)))
                    .add("token_type", "Bearer").add("expires_in", 300).build().toString());
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
