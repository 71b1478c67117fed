package org.openkpi.retention.observability;

import java.io.IOException;
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
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A stand-in for revenue-service's changeFeed for the observability tests: per tenant (the bearer token's tenant_id) a
 * scripted list of NEW movements with chosen recordedAt times, pages after the given cursor; it records the
 * {@code traceparent} header of every feed request and can answer HTTP 503 for a tenant. The tests script it over
 * HTTP ({@code /control}), as test resources may live in another class loader than the test.
 */
public class ScriptedFeed implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, List<Instant>> FEEDS = new ConcurrentHashMap<>();
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    private static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    /** Appends a NEW movement of a customer of its own, recorded by revenue-service at that time. */
    static void movement(String tenant, Instant recordedAt) {
        control("movement", tenant, recordedAt.toString());
    }

    static void failing(String tenant, boolean failing) {
        control("failing", tenant, Boolean.toString(failing));
    }

    /** The traceparent headers received since the last call (null when a request had none). */
    static List<String> takeTraceparents() {
        String answer = control("traceparents", "-", "-");
        return answer.isEmpty() ? List.of() : List.of(answer.split("\n"));
    }

    private static String control(String op, String tenant, String value) {
        String base = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kpi.revenue.url", String.class)
                .replace("/graphql", "/control");
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(base + "?op=" + op + "&tenant=" + tenant + "&value=" + value)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> q = new java.util.HashMap<>();
            for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv[1]);
            }
            String tenant = q.get("tenant");
            String out = "";
            switch (q.get("op")) {
                case "movement" -> FEEDS.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(Instant.parse(q.get("value")));
                case "failing" -> {
                    if (Boolean.parseBoolean(q.get("value"))) {
                        FAILING.add(tenant);
                    } else {
                        FAILING.remove(tenant);
                    }
                }
                default -> {
                    synchronized (TRACEPARENTS) {
                        out = String.join("\n", TRACEPARENTS);
                        TRACEPARENTS.clear();
                    }
                }
            }
            reply(exchange, 200, out);
        }
    }

    /** After the module's other feed stand-in (a global test resource there), so this one's kpi.revenue.url wins. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/graphql", ScriptedFeed::handle);
        server.createContext("/control", ScriptedFeed::control);
        server.start();
        // syncs only when a test asks for one
        return Map.of("kpi.revenue.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql", "kpi.feed.sync-on-request", "false", "kpi.feed.page-size", "1", "kpi.feed.max-pages-per-sync", "2");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            TRACEPARENTS.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String payload = new String(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
            String tenant;
            try (JsonReader r = Json.createReader(new StringReader(payload))) {
                tenant = r.readObject().getString("tenant_id");
            }
            if (FAILING.contains(tenant)) {
                reply(exchange, 503, "{}");
                return;
            }
            JsonObject variables;
            try (JsonReader r = Json.createReader(exchange.getRequestBody())) {
                variables = r.readObject().getJsonObject("variables");
            }
            int after = variables.isNull("after") ? 0 : Integer.parseInt(variables.getString("after"));
            int first = variables.getInt("first");
            List<Instant> feed = new ArrayList<>(FEEDS.getOrDefault(tenant, List.of()));
            JsonArrayBuilder entries = Json.createArrayBuilder();
            int end = Math.min(feed.size(), after + first);
            for (int i = after; i < end; i++) {
                entries.add(Json.createObjectBuilder().add("cursor", Integer.toString(i + 1)).add("type", "MOVEMENT")
                        .addNull("reversesCursor").add("customerId", "c" + (i + 1)).add("day", "2024-01-10").add("kind", "NEW")
                        .add("fromMrr", "0").add("toMrr", "100").add("currency", "USD").addNull("planCode").addNull("country")
                        .addNull("segment").addNull("channel").add("recordedAt", feed.get(i).toString()));
            }
            var page = Json.createObjectBuilder().add("entries", entries).add("hasMore", end < feed.size());
            if (end == 0) {
                page.addNull("endCursor");
            } else {
                page.add("endCursor", Integer.toString(end));
            }
            reply(exchange, 200, Json.createObjectBuilder().add("data", Json.createObjectBuilder().add("changeFeed", page)).build().toString());
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
