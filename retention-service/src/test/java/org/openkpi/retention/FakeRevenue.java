package org.openkpi.retention;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;


/** Scripts the fake revenue-service's change feed of one tenant (see {@link FakeRevenueResource}). */
public final class FakeRevenue {

    private final String tenant;

    private FakeRevenue(String tenant) {
        this.tenant = tenant;
    }

    public static FakeRevenue of(String tenant) {
        return new FakeRevenue(tenant);
    }

    private static String base() {
        return ConfigProvider.getConfig().getValue("kpi.revenue.url", String.class).replace("/graphql", "");
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    /** Posts with the JDK client (far cheaper per request than RestAssured) and returns the answer's cursor, if any. */
    private static String post(String path, Map<String, Object> body) {
        jakarta.json.JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder(body);
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(b.build().toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("fake revenue control answered " + r.statusCode());
            }
            jakarta.json.JsonObject o = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
            return o.containsKey("cursor") ? o.getString("cursor") : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong SEQ = new java.util.concurrent.atomic.AtomicLong();
    private static final Map<String, Map<String, Object>> PUBLISHED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.List<Map<String, Object>> PENDING = new java.util.ArrayList<>();

    private static synchronized String append(Map<String, Object> e) {
        String cursor = Long.toString(SEQ.incrementAndGet());
        e.put("cursor", cursor);
        PUBLISHED.put(cursor, e);
        PENDING.add(e);
        return cursor;
    }

    /** Sends the entries scripted so far to the fake server (one request; called before every GraphQL request). */
    public static synchronized void flush() {
        if (!PENDING.isEmpty()) {
            post("/control/append", Map.of("entries", new java.util.ArrayList<>(PENDING)));
            PENDING.clear();
        }
    }

    /** Appends a MOVEMENT and returns its cursor. */
    public String movement(String customer, String day, String kind, String from, String to, String plan, String country,
            String segment, String channel) {
        Map<String, Object> e = new HashMap<>();
        e.put("tenant", tenant);
        e.put("type", "MOVEMENT");
        e.put("reversesCursor", null);
        e.put("customerId", customer);
        e.put("day", day);
        e.put("kind", kind);
        e.put("fromMrr", from);
        e.put("toMrr", to);
        e.put("currency", "USD");
        e.put("planCode", plan);
        e.put("country", country);
        e.put("segment", segment);
        e.put("channel", channel);
        e.put("recordedAt", "2024-01-01T00:00:00Z");
        return append(e);
    }

    public String movement(String customer, String day, String kind, String from, String to) {
        return movement(customer, day, kind, from, to, "pro", "US", "SMB", "organic");
    }

    /** Appends a REVERSAL of the movement at {@code cursor} (repeating its fields) and returns its cursor. */
    public String reversal(String cursor) {
        Map<String, Object> e = new HashMap<>(PUBLISHED.get(cursor));
        e.put("type", "REVERSAL");
        e.put("reversesCursor", cursor);
        return append(e);
    }

    /** The next feed request of this tenant ignores its after and gets the first page again. */
    public void repeatFirstPageOnce() {
        flush();
        post("/control/repeat-once", Map.of("tenant", tenant));
    }

    /** Feed requests of this tenant so far: [with a user's token, with the service token], and service tokens issued. */
    public int[] reads() {
        flush();
        jakarta.json.JsonObject o = postForObject("/control/reads", Map.of("tenant", tenant));
        return new int[] { o.getInt("user"), o.getInt("service"), o.getInt("tokensIssued") };
    }

    private static jakarta.json.JsonObject postForObject(String path, Map<String, Object> body) {
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(jakarta.json.Json.createObjectBuilder(body).build().toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void down(boolean down) {
        flush();
        post("/control/down", Map.of("down", down));
    }
}
