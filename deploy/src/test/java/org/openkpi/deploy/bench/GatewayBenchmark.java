package org.openkpi.deploy.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openkpi.deploy.BenchmarkAccess;

/**
 * The gateway's own cost per request. Starts the suite (local runner, fresh embedded PostgreSQL), loads a synthetic
 * tenant through the services, then times:
 * <ol>
 * <li>the dashboard query through the gateway: scorecard plus 12-month series from all four domains;</li>
 * <li>the series part alone through the gateway, and the same four queries sent straight to the services in
 * parallel, alternately: the difference of the p50s is what the gateway adds;</li>
 * <li>the series part through Hive Gateway over the same services (when deploy/federation/node_modules exists:
 * run {@code npm ci} there first).</li>
 * </ol>
 * All after a warm-up ({@code --warmup} series requests, a tenth as many dashboards): the JVMs reach their steady
 * state only after a few thousand requests.
 * Usage: {@code ./mvnw -DskipTests package && ./mvnw -pl deploy -Pbenchmark test-compile exec:exec}
 * (see deploy/README.md); options {@code --customers N --iterations N --warmup N}.
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static final String RANGE = "{from: \"2025-10-01\", to: \"2026-10-01\"}";
    static final String REVENUE_Q = "mrrSeries(range: " + RANGE + ", granularity: MONTH) { period { start end } mrrEnd { amount currency } newMrr { amount } expansionMrr { amount } contractionMrr { amount } churnMrr { amount } netNewMrr { amount } arpa { value } payingCustomersEnd }";
    static final String ACQUISITION_Q = "acquisitionCost(range: " + RANGE + ", granularity: MONTH) { period { start } cac { value } blendedSpend { amount } newPayingCustomers }";
    static final String RETENTION_Q = "retentionSeries(range: " + RANGE + ", granularity: MONTH) { period { start } nrr { value } grr { value } logoChurnRate { value } }";
    static final String SUPPORT_Q = "firstResponseTime(range: " + RANGE + ", granularity: MONTH) { period { start } tickets businessHours { mean median p90 } calendarHours { median } }";
    static final String SCORECARD_Q = "scorecard(asOf: \"2026-10-05\") { period { start end } entries { kpi actual previous change improving target { value } gap status reason } alerts { rule { externalId } message } }";

    public static void main(String[] args) throws Exception {
        int customers = intArg(args, "--customers", 2000);
        int iterations = intArg(args, "--iterations", 500);
        int warmup = intArg(args, "--warmup", 2000);
        Path root = Path.of(System.getProperty("benchmark.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("kpi-bench-pg");
        Files.delete(data);
        BenchmarkAccess suite = BenchmarkAccess.start(root, data, new PrintStream(new ByteArrayOutputStream()));
        Process hive = null;
        try {
            String token = suite.token("bench");
            long t0 = System.nanoTime();
            load(token, customers);
            System.out.printf("loaded %d customers in %.1f s%n", customers, (System.nanoTime() - t0) / 1e9);

            String series = "{ " + REVENUE_Q + " " + ACQUISITION_Q + " " + RETENTION_Q + " " + SUPPORT_Q + " }";
            String dashboard = "{ " + SCORECARD_Q + " " + REVENUE_Q + " " + ACQUISITION_Q + " " + RETENTION_Q + " " + SUPPORT_Q + " }";
            check(post("http://localhost:8080/graphql", token, dashboard));
            Call viaGateway = () -> post("http://localhost:8080/graphql", token, series);
            Call direct = () -> {
                CompletableFuture<?>[] calls = {
                        async("http://localhost:8081/graphql", token, "{ " + REVENUE_Q + " }"),
                        async("http://localhost:8082/graphql", token, "{ " + ACQUISITION_Q + " }"),
                        async("http://localhost:8083/graphql", token, "{ " + RETENTION_Q + " }"),
                        async("http://localhost:8084/graphql", token, "{ " + SUPPORT_Q + " }")};
                CompletableFuture.allOf(calls).join();
                return null;
            };

            // The JVMs' JIT (C2) settles only after a few thousand requests (until then it takes most of a core of
            // these two): warm the gateway and the services up first, then time the gateway and the direct calls
            // alternately, so that both see the same state of the machine.
            long w = System.nanoTime();
            time(warmup / 10, 0, () -> post("http://localhost:8080/graphql", token, dashboard));
            paired(warmup, viaGateway, direct);
            System.out.printf("warmed up with %d dashboard and %d series requests in %.0f s%n", warmup / 10, warmup,
                    (System.nanoTime() - w) / 1e9);
            double[] dash = time(0, iterations, () -> post("http://localhost:8080/graphql", token, dashboard));
            double gatewayCpu = cpuMillis("gateway/target/quarkus-app");
            double[][] gw = paired(iterations, viaGateway, direct);
            gatewayCpu = (cpuMillis("gateway/target/quarkus-app") - gatewayCpu) / iterations;
            System.out.println();
            System.out.printf("%-58s %8s %8s%n", "request (" + iterations + " timed after warm-up)", "p50 ms", "p95 ms");
            row("dashboard via gateway (scorecard + 4 series)", dash);
            row("4 series via gateway", gw[0]);
            row("4 series straight to the services, in parallel", gw[1]);
            System.out.printf("%-58s %8.2f%n", "gateway's added p50 (series via gateway - direct)", p(gw[0], 50) - p(gw[1], 50));
            System.out.printf("%-58s %8.2f%n", "gateway's CPU time per series request (ms, all threads)", gatewayCpu);

            Path federation = root.resolve("deploy/federation");
            Path hiveBin = federation.resolve("node_modules/.bin/hive-gateway");
            if (Files.isExecutable(hiveBin)) {
                hive = startHive(federation, hiveBin);
                check(post("http://localhost:4000/graphql", token, series));
                Call viaHive = () -> post("http://localhost:4000/graphql", token, series);
                paired(warmup, viaHive, direct);
                double hiveCpu = cpuMillis("hive-gateway");
                double[][] h = paired(iterations, viaHive, direct);
                hiveCpu = (cpuMillis("hive-gateway") - hiveCpu) / iterations;
                row("4 series via Hive Gateway (same services, same warm-up)", h[0]);
                row("4 series straight to the services, timed beside Hive", h[1]);
                System.out.printf("%-58s %8.2f%n", "Hive Gateway's added p50", p(h[0], 50) - p(h[1], 50));
                System.out.printf("%-58s %8.2f%n", "Hive Gateway's CPU time per series request (ms, all threads)", hiveCpu);
            } else {
                System.out.println("(Hive Gateway not installed: run npm ci in deploy/federation to compare)");
            }
        } finally {
            if (hive != null) {
                hive.destroy();
            }
            suite.stop();
        }
    }

    private static Process startHive(Path federation, Path bin) throws Exception {
        Process compose = new ProcessBuilder("node", "compose.mjs").directory(federation.toFile()).inheritIO().start();
        if (compose.waitFor() != 0) {
            throw new IllegalStateException("composition failed");
        }
        Process hive = new ProcessBuilder(bin.toString(), "supergraph", "target/supergraph.graphql", "--port", "4000",
                "--config-path", "gateway.config.mjs").directory(federation.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 240; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:4000/healthcheck")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return hive;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Hive Gateway did not start");
    }

    // ------------------------------------------------------------------ the synthetic tenant

    static void load(String token, int customers) throws Exception {
        Random random = new Random(42);
        String revenue = "http://localhost:8081/graphql";
        ok(revenue, token, "mutation($p:[PlanInput!]!){ recordPlans(plans:$p){accepted} }", Map.of("p", List.of(
                Map.of("code", "starter", "name", "Starter", "currency", "USD", "price", 49, "intervalMonths", 1),
                Map.of("code", "pro", "name", "Pro", "currency", "USD", "price", 149, "intervalMonths", 1),
                Map.of("code", "enterprise", "name", "Enterprise", "currency", "USD", "price", 499, "intervalMonths", 1))));
        String[] plans = {"starter", "pro", "enterprise"};
        String[] channels = {"ads", "seo", "referral", "webinar"};
        List<Object> batchCustomers = new ArrayList<>();
        List<Object> events = new ArrayList<>();
        List<Object> trials = new ArrayList<>();
        List<Object> nps = new ArrayList<>();
        List<Object> tickets = new ArrayList<>();
        List<Object> ticketEvents = new ArrayList<>();
        LocalDate first = LocalDate.parse("2024-10-01");
        for (int i = 0; i < customers; i++) {
            String id = "b" + i;
            LocalDate start = first.plusDays(random.nextInt(700));
            String channel = channels[random.nextInt(channels.length)];
            batchCustomers.add(Map.of("externalId", id, "name", "Customer " + i, "channel", channel));
            events.add(Map.of("externalId", id + "-start", "type", "STARTED", "customerId", id, "subscriptionId", id + "-s",
                    "planCode", plans[random.nextInt(3)], "effectiveAt", start + "T00:00:00Z"));
            if (random.nextInt(5) == 0) {
                events.add(Map.of("externalId", id + "-up", "type", "PLAN_CHANGED", "customerId", id, "subscriptionId", id + "-s",
                        "planCode", "enterprise", "effectiveAt", start.plusDays(40 + random.nextInt(100)) + "T00:00:00Z"));
            }
            if (random.nextInt(6) == 0) {
                events.add(Map.of("externalId", id + "-end", "type", "CANCELLED", "customerId", id, "subscriptionId", id + "-s",
                        "effectiveAt", start.plusDays(150 + random.nextInt(200)) + "T00:00:00Z"));
            }
            trials.add(Map.of("externalId", id + "-trial", "customerId", id, "channel", channel,
                    "startedAt", start.minusDays(14) + "T00:00:00Z"));
            nps.add(Map.of("externalId", id + "-nps", "customerId", id, "respondent", id + "-admin", "score", random.nextInt(11),
                    "respondedAt", start.plusDays(60) + "T10:00:00Z"));
            for (int k = 0; k < 3; k++) {
                String ticket = id + "-t" + k;
                Instant created = start.plusDays(random.nextInt(300)).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                        .plus(8 + random.nextInt(10), ChronoUnit.HOURS);
                tickets.add(Map.of("externalId", ticket, "customerId", id, "channel", "email", "priority", "normal",
                        "createdAt", created.toString()));
                ticketEvents.add(Map.of("externalId", ticket + "-r", "ticketId", ticket, "type", "PUBLIC_AGENT_REPLY",
                        "agentId", "a" + random.nextInt(10), "at", created.plus(1 + random.nextInt(30), ChronoUnit.HOURS).toString()));
                ticketEvents.add(Map.of("externalId", ticket + "-s", "ticketId", ticket, "type", "RESOLVED_BY_AGENT",
                        "agentId", "a" + random.nextInt(10), "at", created.plus(40 + random.nextInt(60), ChronoUnit.HOURS).toString()));
            }
        }
        List<Object> agents = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            agents.add(Map.of("externalId", "a" + a, "name", "Agent " + a));
        }
        List<Object> costs = new ArrayList<>();
        List<Object> spend = new ArrayList<>();
        for (LocalDate m = first; m.isBefore(LocalDate.parse("2026-11-01")); m = m.plusMonths(1)) {
            costs.add(Map.of("externalId", "cogs-" + m, "kind", "COGS", "category", "hosting", "amount", 20000 + random.nextInt(5000),
                    "currency", "USD", "date", m.plusDays(14).toString()));
            for (String channel : channels) {
                spend.add(Map.of("externalId", "spend-" + channel + "-" + m, "kind", "AD_SPEND", "channel", channel,
                        "month", m.toString().substring(0, 7), "amount", 5000 + random.nextInt(5000), "currency", "USD"));
            }
        }
        batches(revenue, token, "mutation($x:[CustomerInput!]!){ recordCustomers(customers:$x){accepted} }", batchCustomers);
        batches(revenue, token, "mutation($x:[SubscriptionEventInput!]!){ recordSubscriptionEvents(events:$x){accepted} }", events);
        batches(revenue, token, "mutation($x:[CostInput!]!){ recordCosts(costs:$x){accepted} }", costs);
        String acquisition = "http://localhost:8082/graphql";
        batches(acquisition, token, "mutation($x:[SpendInput!]!){ recordSpend(spend:$x){accepted} }", spend);
        batches(acquisition, token, "mutation($x:[TrialInput!]!){ recordTrials(trials:$x){accepted} }", trials);
        String retention = "http://localhost:8083/graphql";
        batches(retention, token, "mutation($x:[NpsResponseInput!]!){ recordNpsResponses(responses:$x){accepted} }", nps);
        for (int i = 0; i < 50; i++) { // drain the MRR change feed into both consumers before timing
            JsonNode a = ok(acquisition, token, "mutation { syncAcquisitionFeed { pending } }", Map.of());
            JsonNode r = ok(retention, token, "mutation { syncRetentionFeed { pending } }", Map.of());
            if (!a.at("/syncAcquisitionFeed/pending").asBoolean() && !r.at("/syncRetentionFeed/pending").asBoolean()) {
                break;
            }
        }
        String support = "http://localhost:8084/graphql";
        batches(support, token, "mutation($x:[AgentInput!]!){ recordAgents(agents:$x){accepted} }", agents);
        batches(support, token, "mutation($x:[TicketInput!]!){ recordTickets(tickets:$x){accepted} }", tickets);
        batches(support, token, "mutation($x:[TicketEventInput!]!){ recordTicketEvents(events:$x){accepted} }", ticketEvents);
        ok("http://localhost:8080/graphql", token, """
                mutation { setTargets(targets: [{kpi: MRR, frequency: MONTHLY, effectiveFrom: "2025-01-01", value: 100000, direction: AT_LEAST},
                                                {kpi: CAC_PAYBACK_MONTHS, frequency: MONTHLY, effectiveFrom: "2025-01-01", value: 12, direction: AT_MOST}]) { kpi }
                           setAlertRules(rules: [{externalId: "nrr", kpi: NRR, frequency: MONTHLY, comparison: LT, threshold: 1.0}]) { accepted } }""",
                Map.of());
    }

    private static void batches(String url, String token, String mutation, List<Object> items) throws Exception {
        for (int i = 0; i < items.size(); i += 2000) {
            ok(url, token, mutation, Map.of("x", items.subList(i, Math.min(items.size(), i + 2000))));
        }
    }

    // ------------------------------------------------------------------ timing and HTTP

    interface Call {
        Object run() throws Exception;
    }

    static double[] time(int warmup, int iterations, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Times {@code a} and {@code b} one after the other, {@code iterations} times: their sorted times in ms. */
    static double[][] paired(int iterations, Call a, Call b) throws Exception {
        double[][] ms = new double[2][iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            a.run();
            long u = System.nanoTime();
            b.run();
            ms[0][i] = (u - t) / 1e6;
            ms[1][i] = (System.nanoTime() - u) / 1e6;
        }
        Arrays.sort(ms[0]);
        Arrays.sort(ms[1]);
        return ms;
    }

    static double p(double[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    static void row(String name, double[] sorted) {
        System.out.printf("%-58s %8.2f %8.2f%n", name, p(sorted, 50), p(sorted, 95));
    }

    static JsonNode ok(String url, String token, String query, Map<String, Object> variables) throws Exception {
        JsonNode answer = JSON.readTree(post(url, token, query, variables));
        if (answer.has("errors")) {
            throw new IllegalStateException(url + ": " + answer.get("errors"));
        }
        return answer.get("data");
    }

    static void check(String body) throws Exception {
        if (JSON.readTree(body).has("errors")) {
            throw new IllegalStateException(body);
        }
    }

    static String post(String url, String token, String query) throws Exception {
        return post(url, token, query, Map.of());
    }

    static String post(String url, String token, String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static CompletableFuture<String> async(String url, String token, String query) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build();
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time used so far by this process's descendants whose command line names {@code needle}. */
    static double cpuMillis(String needle) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(0.0))
                .sum();
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
