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
    static volatile boolean down;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (server == null) {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/graphql", FakeRevenueResource::graphql);
                server.createContext("/control", FakeRevenueResource::control);
                server.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kpi.revenue.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql",
                "kpi.feed.page-size", "25", "kpi.feed.max-pages-per-sync", "1");
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

    static String tenantOf(String authorization) {
        String token = authorization.substring("Bearer ".length());
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(payload)).readObject().getString("tenant_id");
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
        String tenant = tenantOf(auth);
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
            case "/control/repeat-once" -> {
                REPEAT_ONCE.put(body.getString("tenant"), true);
                send(ex, 200, "{}");
            }
            default -> send(ex, 404, "{}");
        }
    }
}
