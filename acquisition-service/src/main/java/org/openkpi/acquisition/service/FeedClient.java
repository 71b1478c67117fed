package org.openkpi.acquisition.service;

import java.io.IOException;
import java.io.StringReader;
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
import org.openkpi.acquisition.observability.TraceHeaders;

/**
 * Reads pages of revenue-service's MRR change feed over GraphQL, with the caller's bearer token or a service client's
 * token plus the X-Kpi-Tenant header (see {@link FeedCredentials}).
 */
@ApplicationScoped
public class FeedClient {

    /** One feed entry, the fields acquisition-service uses. */
    public record Entry(String cursor, String type, String reversesCursor, String customerId, LocalDate day, String kind, String channel,
            Instant recordedAt) {
    }

    public record Page(List<Entry> entries, String endCursor, boolean hasMore) {
    }

    /** revenue-service could not be reached or answered with an error. */
    public static final class FeedUnavailableException extends Exception {
        public FeedUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private static final String QUERY = "query($after:String,$first:Int){changeFeed(after:$after,first:$first){"
            + "entries{cursor type reversesCursor customerId day kind channel recordedAt} endCursor hasMore}}";

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final TraceHeaders trace;

    public FeedClient(@ConfigProperty(name = "kpi.revenue.url") String url, @ConfigProperty(name = "kpi.feed.timeout") Duration timeout,
            TraceHeaders trace) {
        this.url = URI.create(url);
        this.timeout = timeout;
        this.trace = trace;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Page fetch(FeedCredentials credentials, String after, int first) throws FeedUnavailableException {
        JsonObject variables = Json.createObjectBuilder()
                .add("after", after == null ? JsonValue.NULL : Json.createValue(after))
                .add("first", first).build();
        String body = Json.createObjectBuilder().add("query", QUERY).add("variables", variables).build().toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + credentials.bearerToken());
        if (credentials.tenantHeader() != null) {
            builder.header(FeedCredentials.TENANT_HEADER, credentials.tenantHeader());
        }
        trace.inject(builder); // the caller's trace continues into revenue-service
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FeedUnavailableException("revenue-service unreachable at " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedUnavailableException("interrupted while reading the change feed");
        }
        if (response.statusCode() != 200) {
            throw new FeedUnavailableException("revenue-service answered HTTP " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject json = reader.readObject();
            JsonArray errors = json.containsKey("errors") && !json.isNull("errors") ? json.getJsonArray("errors") : null;
            if (errors != null && !errors.isEmpty()) {
                JsonObject e = errors.getJsonObject(0);
                throw new FeedUnavailableException("revenue-service error: " + e.getString("message", "unknown"));
            }
            JsonObject page = json.getJsonObject("data").getJsonObject("changeFeed");
            List<Entry> entries = new ArrayList<>();
            for (JsonValue v : page.getJsonArray("entries")) {
                JsonObject o = v.asJsonObject();
                entries.add(new Entry(o.getString("cursor"), o.getString("type"), text(o, "reversesCursor"), o.getString("customerId"),
                        LocalDate.parse(o.getString("day")), o.getString("kind"), text(o, "channel"),
                        OffsetDateTime.parse(o.getString("recordedAt")).toInstant()));
            }
            return new Page(entries, text(page, "endCursor"), page.getBoolean("hasMore"));
        } catch (RuntimeException e) {
            throw new FeedUnavailableException("malformed change feed page: " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonObject o, String key) {
        return o.containsKey(key) && !o.isNull(key) ? o.getString(key) : null;
    }
}
