package org.openkpi.deploy.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openkpi.deploy.demo.DemoFacts.Kind;
import org.openkpi.deploy.demo.DemoFacts.Service;

/**
 * Loads a demo company through the suite's public GraphQL API, as a real integration would: every fact kind through its
 * ingestion mutation at its service, in batches of at most {@value #BATCH} (each all-or-nothing at the service,
 * idempotent by external id, so loading twice changes nothing), then the feed consumers' catch-up
 * ({@code syncRetentionFeed}, {@code syncAcquisitionFeed}) and the gateway's targets and alert rules. Prints a line per
 * fact kind (and per batch of the large ones) while it loads.
 */
public final class DemoLoader {

    public static final int BATCH = 5_000;
    /** The gateway takes at most 500 targets or rules per call. */
    static final int GATEWAY_BATCH = 500;
    static final int MAX_SYNC_CALLS = 200;

    /** The GraphQL endpoints of the suite. */
    public record Endpoints(URI gateway, URI revenue, URI acquisition, URI retention, URI support) {

        /** The local suite's fixed ports (deploy/README.md). */
        public static Endpoints local() {
            return new Endpoints(URI.create("http://localhost:8080/graphql"), URI.create("http://localhost:8081/graphql"),
                    URI.create("http://localhost:8082/graphql"), URI.create("http://localhost:8083/graphql"),
                    URI.create("http://localhost:8084/graphql"));
        }

        URI of(Service service) {
            return switch (service) {
                case REVENUE -> revenue;
                case ACQUISITION -> acquisition;
                case RETENTION -> retention;
                case SUPPORT -> support;
            };
        }
    }

    /** Per kind: [accepted, unchanged, replaced] as the services answered. */
    public record Summary(Map<Kind, long[]> results, long feedEntriesApplied, Duration took) {

        public long accepted() {
            return results.values().stream().mapToLong(r -> r[0]).sum();
        }

        public long unchanged() {
            return results.values().stream().mapToLong(r -> r[1]).sum();
        }

        public long replaced() {
            return results.values().stream().mapToLong(r -> r[2]).sum();
        }
    }

    /** A load the suite refused or could not take; the message says which kind, batch and error. */
    public static final class LoadException extends IOException {
        public LoadException(String message) {
            super(message);
        }
    }

    private final Endpoints endpoints;
    private final String token;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param token a bearer token of the demo tenant holding kpi-writer (ingestion), kpi-viewer (the feed catch-up)
     *              and kpi-admin (targets and alert rules)
     */
    public DemoLoader(Endpoints endpoints, String token, PrintStream out) {
        this.endpoints = endpoints;
        this.token = token;
        this.out = out;
    }

    public Summary load(DemoFacts demo) throws IOException, InterruptedException {
        long started = System.nanoTime();
        DemoSpec spec = demo.spec();
        out.printf("Loading the demo company (seed %d, %d customers, %s..%s): %,d facts%n", spec.seed(), spec.customers(),
                spec.firstMonth(), spec.lastMonth(), demo.count());
        Map<Kind, long[]> results = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            if (kind == Kind.TEAMS) {
                post(endpoints.support(), "mutation($s: SupportSettingsInput!) { updateSupportSettings(settings: $s) { timeZone } }",
                        Map.of("s", demo.supportSettings()), "support settings");
                out.printf("  %-12s %-28s set (%s, business hours, holidays, SLA targets)%n", "support", "settings",
                        demo.supportSettings().get("timeZone"));
            }
            results.put(kind, ingest(kind, demo.of(kind)));
        }
        long applied = sync("retention", endpoints.retention(), "syncRetentionFeed")
                + sync("acquisition", endpoints.acquisition(), "syncAcquisitionFeed");
        long[] targets = new long[3];
        for (List<Map<String, Object>> batch : batches(demo.targets(), GATEWAY_BATCH)) {
            Object answer = post(endpoints.gateway(), "mutation($t: [TargetInput!]!) { setTargets(targets: $t) { kpi } }",
                    Map.of("t", batch), "targets");
            targets[0] += ((List<?>) Json.at(answer, "data", "setTargets")).size();
        }
        long[] rules = new long[3];
        for (List<Map<String, Object>> batch : batches(demo.alertRules(), GATEWAY_BATCH)) {
            Object answer = post(endpoints.gateway(),
                    "mutation($r: [AlertRuleInput!]!) { setAlertRules(rules: $r) { accepted unchanged replaced } }",
                    Map.of("r", batch), "alert rules");
            add(rules, Json.at(answer, "data", "setAlertRules"));
        }
        out.printf("  %-12s %-28s %,9d set; alert rules %d (accepted %d, unchanged %d, replaced %d)%n", "gateway", "targets",
                targets[0], demo.alertRules().size(), rules[0], rules[1], rules[2]);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Summary summary = new Summary(results, applied, took);
        out.printf("Demo company loaded in %.1f s: %,d facts accepted, %,d unchanged, %,d replaced%n", took.toMillis() / 1000.0,
                summary.accepted(), summary.unchanged(), summary.replaced());
        return summary;
    }

    private long[] ingest(Kind kind, List<Map<String, Object>> facts) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long[] total = new long[3];
        String query = "mutation($x: [" + kind.inputType + "!]!) { " + kind.field + "(" + kind.argument
                + ": $x) { accepted unchanged replaced } }";
        List<List<Map<String, Object>>> batches = batches(facts, BATCH);
        int sent = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<Map<String, Object>> batch = batches.get(i);
            Object answer = post(endpoints.of(kind.service), query, Map.of("x", batch),
                    kind.label + " (batch " + (i + 1) + " of " + batches.size() + ")");
            add(total, Json.at(answer, "data", kind.field));
            sent += batch.size();
            if (batches.size() > 1 && i < batches.size() - 1) {
                out.printf("  %-12s %-28s %,9d of %,d%n", kind.service.name().toLowerCase(), kind.label, sent, facts.size());
            }
        }
        out.printf("  %-12s %-28s %,9d  accepted %,d, unchanged %,d, replaced %,d (%.1f s)%n",
                kind.service.name().toLowerCase(), kind.label, facts.size(), total[0], total[1], total[2],
                (System.nanoTime() - started) / 1e9);
        return total;
    }

    private long sync(String service, URI endpoint, String field) throws IOException, InterruptedException {
        long applied = 0;
        for (int call = 1; call <= MAX_SYNC_CALLS; call++) {
            Object answer = post(endpoint, "mutation { " + field + " { pending lastError entriesApplied } }", Map.of(), field);
            Object status = Json.at(answer, "data", field);
            Object error = Json.at(status, "lastError");
            if (error != null) {
                throw new LoadException(field + " reports: " + error);
            }
            applied = ((BigDecimal) Json.at(status, "entriesApplied")).longValue();
            if (!Boolean.TRUE.equals(Json.at(status, "pending"))) {
                out.printf("  %-12s %-28s %,9d change-feed entries applied%n", service, "feed catch-up", applied);
                return applied;
            }
        }
        throw new LoadException(field + " still pending after " + MAX_SYNC_CALLS + " calls");
    }

    private static void add(long[] total, Object result) {
        total[0] += ((BigDecimal) Json.at(result, "accepted")).longValue();
        total[1] += ((BigDecimal) Json.at(result, "unchanged")).longValue();
        total[2] += ((BigDecimal) Json.at(result, "replaced")).longValue();
    }

    static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> batches = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            batches.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return batches;
    }

    /** Posts one GraphQL operation; the parsed answer, or a LoadException naming what failed. */
    private Object post(URI endpoint, String query, Map<String, Object> variables, String what)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Object answer;
        try {
            answer = Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new LoadException(what + ": " + endpoint + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        Object errors = Json.at(answer, "errors");
        if (response.statusCode() != 200 || (errors instanceof List<?> list && !list.isEmpty())) {
            throw new LoadException(what + ": " + endpoint + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(errors != null ? Json.write(errors) : response.body()));
        }
        return answer;
    }

    private static String abbreviate(String s) {
        return s.length() <= 1_000 ? s : s.substring(0, 1_000) + "...";
    }
}
