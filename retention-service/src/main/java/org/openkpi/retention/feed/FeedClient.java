package org.openkpi.retention.feed;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openkpi.retention.observability.TraceHeaders;

/** Reads pages of revenue-service's change feed over GraphQL, with the bearer token (and tenant header) chosen by FeedAccess. */
@ApplicationScoped
public class FeedClient {

    static final String QUERY = "query($after:String,$first:Int){changeFeed(after:$after,first:$first){entries{cursor type"
            + " reversesCursor customerId day kind fromMrr toMrr currency planCode country segment channel recordedAt}"
            + " endCursor hasMore}}";

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final TraceHeaders trace;

    public FeedClient(@ConfigProperty(name = "kpi.revenue.url") String url,
            @ConfigProperty(name = "kpi.feed.request-timeout", defaultValue = "10s") Duration timeout, TraceHeaders trace) {
        this.url = URI.create(url);
        this.timeout = timeout;
        this.trace = trace;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    }

    public FeedPage page(FeedCredentials credentials, String after, int first) {
        JsonObject variables = Json.createObjectBuilder()
                .add("after", after == null ? JsonValue.NULL : Json.createValue(after))
                .add("first", first).build();
        String body = Json.createObjectBuilder().add("query", QUERY).add("variables", variables).build().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials.bearerToken() != null) {
            request.header("Authorization", "Bearer " + credentials.bearerToken());
        }
        if (credentials.tenantHeader() != null) {
            request.header("X-Kpi-Tenant", credentials.tenantHeader());
        }
        HttpResponse<String> response;
        try {
            response = http.send(trace.inject(request).build(), HttpResponse.BodyHandlers.ofString()); // the trace continues into revenue-service
        } catch (java.io.IOException e) {
            throw new FeedUnavailableException("revenue-service unreachable at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedUnavailableException("interrupted while reading the change feed", e);
        }
        if (response.statusCode() != 200) {
            throw new FeedUnavailableException("revenue-service answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static FeedPage parse(String body) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            root = reader.readObject();
        } catch (RuntimeException e) {
            throw new FeedUnavailableException("revenue-service answered malformed JSON", e);
        }
        JsonArray errors = root.containsKey("errors") && !root.isNull("errors") ? root.getJsonArray("errors") : null;
        if (errors != null && !errors.isEmpty()) {
            JsonObject first = errors.getJsonObject(0);
            throw new FeedUnavailableException("revenue-service refused the feed request: " + first.getString("message", "?"));
        }
        JsonObject page = root.getJsonObject("data").getJsonObject("changeFeed");
        List<FeedItem> items = new ArrayList<>();
        for (JsonValue v : page.getJsonArray("entries")) {
            JsonObject e = v.asJsonObject();
            items.add(new FeedItem(e.getString("cursor"), "REVERSAL".equals(e.getString("type")), text(e, "reversesCursor"),
                    e.getString("customerId"), LocalDate.parse(e.getString("day")), e.getString("kind"), decimal(e, "fromMrr"),
                    decimal(e, "toMrr"), e.getString("currency"), text(e, "planCode"), text(e, "country"), text(e, "segment"),
                    text(e, "channel"), instant(e.getString("recordedAt"))));
        }
        return new FeedPage(items, text(page, "endCursor"), page.getBoolean("hasMore"));
    }

    private static String text(JsonObject o, String key) {
        return !o.containsKey(key) || o.isNull(key) ? null : o.getString(key);
    }

    private static BigDecimal decimal(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v.getValueType() == JsonValue.ValueType.STRING ? new BigDecimal(o.getString(key))
                : o.getJsonNumber(key).bigDecimalValue();
    }

    private static Instant instant(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }
}
