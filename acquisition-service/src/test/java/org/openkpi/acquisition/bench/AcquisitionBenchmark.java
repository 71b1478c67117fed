package org.openkpi.acquisition.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * acquisition-service benchmark: a tenant with 3 years of daily unique visitors over 10 channels, trials, leads and
 * deals with stage histories (500k / 200k / 50k at --scale 1), spend, and the first payments of the converted
 * customers served by an in-process fake of revenue-service's change feed. Ingestion goes through the public
 * GraphQL API of the packaged service (a separate JVM); then the p95 of a 36-month monthly funnel and of CAC by
 * channel are measured, at 1x and after a second, equal history is added to the same tenant (2x). See BENCHMARK.md.
 */
public final class AcquisitionBenchmark {

    static final String ISSUER = "https://kpi.bench/issuer";
    static final String AUDIENCE = "kpi-suite";
    static final String TENANT = "bench";
    static final LocalDate FROM = LocalDate.of(2023, 1, 1);
    static final int DAYS = 1096; // 2023-01-01 .. 2025-12-31
    static final String[] CHANNELS = { "organic", "paid-search", "paid-social", "display", "referral", "partner", "events",
            "outbound", "email", "affiliate" };
    static final String[] KINDS = { "AD_SPEND", "SALARIES", "TOOLS", "OVERHEAD" };
    static final String[] STAGES = { "qualify", "discovery", "proposal", "negotiation", "contract" };
    static final String[] REASONS = { "price", "timing", "competitor", "no-decision", "features" };

    static final String FUNNEL = "{funnel(range:{from:\\\"2023-01-01\\\",to:\\\"2026-01-01\\\"},granularity:MONTH)"
            + "{period{start} visitors trials convertedTrials newPayingCustomers visitorToTrialRate{value} trialToPaidRate{value}"
            + " trialToPaidPeriodView{value}}}";
    static final String CAC_BY_CHANNEL = "{acquisitionCost(range:{from:\\\"2023-01-01\\\",to:\\\"2026-01-01\\\"},granularity:MONTH,"
            + "groupBy:CHANNEL){period{start} group cac{value} paidCac{value} fullyLoadedCac{value} newPayingCustomers"
            + " visitorAcquisitionCost{value} costPerLead{value}}}";

    static final String CAC_TOTAL = "{acquisitionCost(range:{from:\\\"2023-01-01\\\",to:\\\"2026-01-01\\\"},granularity:MONTH)"
            + "{period{start} group cac{value} paidCac{value} fullyLoadedCac{value} newPayingCustomers"
            + " visitorAcquisitionCost{value} costPerLead{value}}}";
    static final String FUNNEL_BY_CHANNEL = "{funnel(range:{from:\\\"2023-01-01\\\",to:\\\"2026-01-01\\\"},granularity:MONTH,groupBy:CHANNEL)"
            + "{period{start} group visitors trials convertedTrials newPayingCustomers visitorToTrialRate{value} trialToPaidRate{value}"
            + " trialToPaidPeriodView{value}}}";

    record Options(double scale, boolean skip2x, int warmup, double warmupSeconds, int iterations, long seed, Path moduleDir) {
        static Options parse(String[] args) {
            double scale = 0.1;
            boolean skip2x = false;
            int warmup = 100;
            double warmupSeconds = 15;
            int iterations = 200;
            long seed = 42;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scale" -> scale = Double.parseDouble(args[++i]);
                    case "--skip-2x" -> skip2x = true;
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                    case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(scale, skip2x, warmup, warmupSeconds, iterations, seed,
                    Path.of(System.getProperty("benchmark.moduleDir", ".")).toAbsolutePath());
        }
    }

    /** One generated history: JSON elements per fact kind, in chronological order, and the feed's first payments. */
    static final class History {
        final List<String> counts = new ArrayList<>();
        final List<String> spend = new ArrayList<>();
        final List<String> trials = new ArrayList<>();
        final List<String> leads = new ArrayList<>();
        final List<String> deals = new ArrayList<>();
        final List<String[]> payments = new ArrayList<>(); // {day, customerId, channel}
        long stageTransitions;
    }

    static String day(int d) {
        return FROM.plusDays(d).toString();
    }

    static String instant(int d, int seconds) {
        return FROM.plusDays(d) + "T" + String.format(Locale.ROOT, "%02d:%02d:%02dZ", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    }

    static History generate(String gen, Options o, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        History h = new History();
        for (int d = 0; d < DAYS; d++) {
            for (String c : CHANNELS) {
                // the second history adds its visitors under its own campaign, so the rows double too
                h.counts.add("{\"date\":\"" + day(d) + "\",\"channel\":\"" + c + "\",\"campaign\":" + (gen.equals("a") ? "null" : "\"" + gen + "\"")
                        + ",\"visitors\":" + (500 + rnd.nextInt(4500)) + "}");
            }
        }
        for (int m = 0; m < 36; m++) {
            String month = FROM.plusMonths(m).toString().substring(0, 7);
            for (String c : CHANNELS) {
                for (String k : KINDS) {
                    h.spend.add("{\"externalId\":\"" + gen + "-s-" + month + "-" + c + "-" + k + "\",\"month\":\"" + month + "\",\"channel\":\""
                            + c + "\",\"kind\":\"" + k + "\",\"amount\":" + (1000 + rnd.nextInt(20000)) + ",\"currency\":\"USD\"}");
                }
            }
        }
        int trials = (int) (500_000 * o.scale());
        for (int i = 0; i < trials; i++) {
            int d = (int) ((long) i * DAYS / trials);
            String channel = CHANNELS[rnd.nextInt(CHANNELS.length)];
            String campaign = rnd.nextInt(10) < 3 ? "\"" + channel + "-c" + rnd.nextInt(5) + "\"" : "null";
            String customer = "null";
            if (rnd.nextInt(10) == 0) {
                String id = gen + "-t" + i;
                customer = "\"" + id + "\"";
                h.payments.add(new String[] { day(Math.min(DAYS - 1, d + rnd.nextInt(41))), id, "direct" });
            }
            h.trials.add("{\"externalId\":\"" + gen + "-t" + i + "\",\"startedAt\":\"" + instant(d, rnd.nextInt(86400)) + "\",\"channel\":\""
                    + channel + "\",\"campaign\":" + campaign + ",\"customerId\":" + customer + "}");
        }
        int leads = (int) (200_000 * o.scale());
        for (int i = 0; i < leads; i++) {
            int d = (int) ((long) i * DAYS / leads);
            int t = rnd.nextInt(80000);
            StringBuilder b = new StringBuilder("{\"externalId\":\"").append(gen).append("-l").append(i).append("\",\"capturedAt\":\"")
                    .append(instant(d, t)).append("\",\"channel\":\"").append(CHANNELS[rnd.nextInt(CHANNELS.length)])
                    .append("\",\"owner\":\"rep").append(rnd.nextInt(20)).append('"');
            if (rnd.nextInt(10) < 4) {
                int mql = Math.min(DAYS - 1, d + 1 + rnd.nextInt(5));
                b.append(",\"mqlAt\":\"").append(instant(mql, t)).append('"');
                if (rnd.nextBoolean()) {
                    b.append(",\"sqlAt\":\"").append(instant(Math.min(DAYS - 1, mql + 2 + rnd.nextInt(9)), t)).append('"');
                }
            }
            if (rnd.nextInt(10) < 8) {
                b.append(",\"firstFollowUpAt\":\"").append(instant(d + (t + 1800) / 86400, (t + 1800) % 86400)).append('"');
            }
            if (rnd.nextInt(20) == 0) {
                String id = gen + "-l" + i;
                b.append(",\"customerId\":\"").append(id).append('"');
                h.payments.add(new String[] { day(Math.min(DAYS - 1, d + rnd.nextInt(60))), id, "direct" });
            }
            h.leads.add(b.append('}').toString());
        }
        int deals = (int) (50_000 * o.scale());
        for (int i = 0; i < deals; i++) {
            int d = (int) ((long) i * DAYS / deals);
            int t = rnd.nextInt(80000);
            int stages = 1 + rnd.nextInt(STAGES.length);
            StringBuilder st = new StringBuilder("[");
            int at = d;
            for (int s = 0; s < stages; s++) {
                if (s > 0) {
                    at += 1 + rnd.nextInt(20);
                    st.append(',');
                }
                st.append("{\"stage\":\"").append(STAGES[s]).append("\",\"enteredAt\":\"").append(instant(Math.min(at, DAYS - 1), t)).append("\"}");
            }
            h.stageTransitions += stages;
            int closeDay = at + 1 + rnd.nextInt(20);
            int outcome = rnd.nextInt(4);
            String status = closeDay >= DAYS || outcome == 3 ? "OPEN" : outcome == 0 ? "WON" : "LOST";
            StringBuilder b = new StringBuilder("{\"externalId\":\"").append(gen).append("-d").append(i).append("\",\"owner\":\"rep")
                    .append(rnd.nextInt(20)).append("\",\"amount\":").append(1000 + rnd.nextInt(99000))
                    .append(",\"currency\":\"USD\",\"channel\":\"").append(CHANNELS[rnd.nextInt(CHANNELS.length)])
                    .append("\",\"createdAt\":\"").append(instant(d, t)).append("\",\"stages\":").append(st.append(']'))
                    .append(",\"status\":\"").append(status).append('"');
            if (!status.equals("OPEN")) {
                b.append(",\"closedAt\":\"").append(instant(closeDay, t + 60)).append('"');
            }
            if (status.equals("LOST")) {
                b.append(",\"lostReason\":\"").append(REASONS[rnd.nextInt(REASONS.length)]).append('"');
            }
            h.deals.add(b.append('}').toString());
        }
        h.payments.sort(Comparator.comparing(p -> p[0]));
        return h;
    }

    // ---- the fake change feed ---------------------------------------------------------------------

    private final List<String[]> feed = new ArrayList<>();
    private HttpServer feedServer;

    private void startFeed() throws IOException {
        feedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feedServer.createContext("/graphql", this::serveFeed);
        feedServer.start();
    }

    private void serveFeed(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject vars;
            try (InputStream in = exchange.getRequestBody(); JsonReader r = Json.createReader(in)) {
                vars = r.readObject().getJsonObject("variables");
            }
            int after = vars.isNull("after") ? 0 : Integer.parseInt(vars.getString("after"));
            int first = vars.getInt("first");
            StringBuilder b = new StringBuilder("{\"data\":{\"changeFeed\":{\"entries\":[");
            int end;
            boolean more;
            synchronized (feed) {
                end = Math.min(feed.size(), after + first);
                more = end < feed.size();
                for (int i = after; i < end; i++) {
                    String[] p = feed.get(i);
                    b.append(i == after ? "" : ",").append("{\"cursor\":\"").append(i + 1).append("\",\"type\":\"MOVEMENT\",\"reversesCursor\":null,")
                            .append("\"customerId\":\"").append(p[1]).append("\",\"day\":\"").append(p[0])
                            .append("\",\"kind\":\"NEW\",\"channel\":\"").append(p[2]).append("\",\"recordedAt\":\"2026-01-01T00:00:00Z\"}");
                }
            }
            b.append("],\"endCursor\":").append(end == 0 ? "null" : "\"" + end + "\"").append(",\"hasMore\":").append(more).append("}}}");
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // ---- infrastructure ---------------------------------------------------------------------------

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedPostgres postgres;
    private Process service;
    private Path appCopy;
    private URI graphql;
    private String token;

    AcquisitionBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        AcquisitionBenchmark bench = new AcquisitionBenchmark(Options.parse(args));
        int exit = 0;
        try {
            bench.run();
        } catch (Throwable e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.stop();
        }
        System.exit(exit);
    }

    void run() throws Exception {
        Path jar = options.moduleDir().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it first");
        }
        System.out.printf(Locale.ROOT, "acquisition-service benchmark: scale %.2f (trials %d, leads %d, deals %d), %s; %d cores, java %s%n",
                options.scale(), (int) (500_000 * options.scale()), (int) (200_000 * options.scale()), (int) (50_000 * options.scale()),
                options.skip2x() ? "1x only" : "1x and 2x", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long t0 = System.nanoTime();
        History first = generate("a", options, options.seed());
        System.out.printf(Locale.ROOT, "history 1x generated in %.1f s: %d visitor counts, %d spend rows, %d trials, %d leads, %d deals"
                + " (%d stage transitions), %d first payments in the feed%n", (System.nanoTime() - t0) / 1e9, first.counts.size(),
                first.spend.size(), first.trials.size(), first.leads.size(), first.deals.size(), first.stageTransitions, first.payments.size());

        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE acquisition_bench");
        }
        startFeed();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        token = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("bench").claim("tenant_id", TENANT)
                .groups(java.util.Set.of("kpi-viewer", "kpi-writer", "kpi-admin")) // ingests, reads and sets the tenant's settings
                .expiresIn(Duration.ofHours(24))
                .sign(keys.getPrivate());
        startService(jar, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));

        StringBuilder stages = new StringBuilder("[");
        for (int s = 0; s < STAGES.length; s++) {
            stages.append(s == 0 ? "" : ",").append("{\"code\":\"").append(STAGES[s]).append("\",\"name\":\"").append(STAGES[s])
                    .append("\",\"position\":").append(s + 1).append(",\"winProbability\":")
                    .append(java.math.BigDecimal.valueOf(1 + 2L * s, 1).toPlainString()).append('}'); // 0.1, 0.3, ...: exact decimals
        }
        post(mutation("stages", "recordPipelineStages(stages:$x)", "[PipelineStageInput!]!", stages.append(']').toString()));

        double[] ingest1 = ingest("1x", first);
        double[][] reads1 = reads("1x");
        double[] ingest2 = null;
        double[][] reads2 = null;
        if (!options.skip2x()) {
            History second = generate("b", options, options.seed() + 7919);
            ingest2 = ingest("2x", second);
            reads2 = reads("2x");
        }
        System.out.println();
        System.out.println("SUMMARY (client-side wall time; the machine is shared with other builds)");
        System.out.printf(Locale.ROOT, "  ingestion facts/s       1x %9.0f%s%n", ingest1[0], ingest2 == null ? "" : String.format(Locale.ROOT, "   2x %9.0f", ingest2[0]));
        System.out.printf(Locale.ROOT, "  feed entries/s          1x %9.0f%s%n", ingest1[1], ingest2 == null ? "" : String.format(Locale.ROOT, "   2x %9.0f", ingest2[1]));
        String[] names = { "funnel 36 x MONTH p95 ms", "CAC by channel p95 ms  ", "CAC total p95 ms       ", "funnel by channel p95  " };
        for (int q = 0; q < names.length; q++) {
            System.out.printf(Locale.ROOT, "  %s 1x %9.2f%s%s%n", names[q], reads1[q][1],
                    reads2 == null ? "" : String.format(Locale.ROOT, "   2x %9.2f", reads2[q][1]), q < 2 ? "   (target < 50)" : "");
        }
    }

    static String mutation(String kind, String call, String type, String array) {
        return "{\"query\":\"mutation($x:" + type + "){" + call + "{accepted unchanged replaced}}\",\"variables\":{\"x\":" + array + "}}";
    }

    /** Ingests a history; returns {facts per second, feed entries per second}. */
    double[] ingest(String label, History h) throws Exception {
        System.out.println("ingesting " + label + " ...");
        long facts = 0;
        double seconds = 0;
        Object[][] kinds = {
                { "spend", "recordSpend(spend:$x)", "[SpendInput!]!", h.spend },
                { "visitor counts", "recordVisitorCounts(counts:$x)", "[VisitorCountInput!]!", h.counts } };
        for (Object[] k : kinds) {
            double s = batches((String) k[0], (String) k[1], (String) k[2], cast(k[3]));
            facts += cast(k[3]).size();
            seconds += s;
        }
        synchronized (feed) {
            for (String[] p : h.payments) {
                feed.add(p);
            }
        }
        long t0 = System.nanoTime();
        JsonObject status = post("{\"query\":\"mutation{syncAcquisitionFeed(maxPages:10000,pageSize:5000){cursor appliedNow pending lastError}}\"}")
                .getJsonObject("syncAcquisitionFeed");
        double feedSeconds = (System.nanoTime() - t0) / 1e9;
        if (!status.isNull("lastError") || status.getBoolean("pending")) {
            throw new IllegalStateException("feed sync failed: " + status);
        }
        System.out.printf(Locale.ROOT, "  feed: %d first payments applied in %.1f s (%.0f entries/s)%n", status.getInt("appliedNow"),
                feedSeconds, status.getInt("appliedNow") / feedSeconds);
        Object[][] rest = {
                { "trials", "recordTrials(trials:$x)", "[TrialInput!]!", h.trials },
                { "leads", "recordLeads(leads:$x)", "[LeadInput!]!", h.leads },
                { "deals", "recordDeals(deals:$x)", "[DealInput!]!", h.deals } };
        for (Object[] k : rest) {
            double s = batches((String) k[0], (String) k[1], (String) k[2], cast(k[3]));
            facts += cast(k[3]).size();
            seconds += s;
        }
        System.out.printf(Locale.ROOT, "  %s: %d facts in %.1f s = %.0f facts/s (feed excluded)%n", label, facts, seconds, facts / seconds);
        return new double[] { facts / seconds, status.getInt("appliedNow") / feedSeconds };
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }

    private double batches(String name, String call, String type, List<String> items) throws Exception {
        long t0 = System.nanoTime();
        for (int from = 0; from < items.size(); from += 5000) {
            List<String> batch = items.subList(from, Math.min(items.size(), from + 5000));
            JsonObject r = post(mutation(name, call, type, "[" + String.join(",", batch) + "]"));
            JsonObject result = r.getJsonObject(call.substring(0, call.indexOf('(')));
            if (result.getInt("accepted") != batch.size()) {
                throw new IllegalStateException(name + ": accepted " + result + " of " + batch.size());
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  %-15s %8d in %6.1f s = %8.0f /s%n", name, items.size(), s, items.size() / s);
        return s;
    }

    /** {p50, p95, max} per query. */
    double[][] reads(String label) throws Exception {
        String[] queries = { FUNNEL, CAC_BY_CHANNEL, CAC_TOTAL, FUNNEL_BY_CHANNEL };
        String[] fields = { "funnel", "acquisitionCost", "acquisitionCost", "funnel" };
        String[] labels = { "funnel", "CAC by channel", "CAC total", "funnel by channel" };
        double[][] out = new double[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            String body = "{\"query\":\"" + queries[q] + "\"}";
            long warmUntil = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
            for (int i = 0; i < options.warmup() || System.nanoTime() < warmUntil; i++) {
                post(body);
            }
            double[] ms = new double[options.iterations()];
            int points = 0;
            double[] cpu0 = cpu();
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                JsonObject data = post(body);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                points = data.getJsonArray(fields[q]).size();
            }
            double[] cpu1 = cpu();
            Arrays.sort(ms);
            out[q] = new double[] { ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1], ms[ms.length - 1] };
            System.out.printf(Locale.ROOT, "  %s %-17s (%3d points): p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms;"
                    + " CPU per request: service %.2f ms + PostgreSQL %.2f ms%n", label, labels[q], points,
                    out[q][0], out[q][1], out[q][2], (cpu1[0] - cpu0[0]) * 1000 / ms.length, (cpu1[1] - cpu0[1]) * 1000 / ms.length);
        }
        return out;
    }

    /** CPU seconds used so far by {service, PostgreSQL (postmaster and its children)}. */
    private double[] cpu() {
        double pg = 0;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            long pid = Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            pg = cpuSeconds(postmaster) + postmaster.descendants().mapToDouble(AcquisitionBenchmark::cpuSeconds).sum();
        } catch (Exception e) {
            pg = Double.NaN;
        }
        return new double[] { cpuSeconds(service.toHandle()), pg };
    }

    private static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private void startService(Path jar, String publicKey) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        appCopy = Files.createTempDirectory("acquisition-benchmark-app");
        try (var paths = Files.walk(jar.getParent())) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = appCopy.resolve(jar.getParent().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path log = options.moduleDir().resolve("target/benchmark-service.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar",
                appCopy.resolve("quarkus-run.jar").toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/acquisition_bench");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
        env.put("KPI_OIDC_ISSUER", ISSUER);
        env.put("KPI_OIDC_AUDIENCE", AUDIENCE);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KPI_REVENUE_URL", "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/graphql");
        service = builder.start();
        graphql = URI.create("http://localhost:" + port + "/graphql");
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service not ready after 120 s; see " + log);
            }
            Thread.sleep(250);
        }
        System.out.println("acquisition-service ready on :" + port + " (log " + log + ")");
    }

    private JsonObject post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(300)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        try (JsonReader r = Json.createReader(new StringReader(response.body()))) {
            JsonObject json = r.readObject();
            if (json.containsKey("errors") && !json.isNull("errors")) {
                String text = json.get("errors").toString();
                throw new IllegalStateException("GraphQL errors: " + text.substring(0, Math.min(2000, text.length())));
            }
            return json.getJsonObject("data");
        }
    }

    synchronized void stop() {
        if (service != null && service.isAlive()) {
            service.destroy();
            try {
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            } catch (InterruptedException e) {
                service.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (feedServer != null) {
            feedServer.stop(0);
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL: " + e.getMessage());
            }
        }
        if (appCopy != null) {
            try (var paths = Files.walk(appCopy)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("could not delete " + appCopy);
            }
        }
    }
}
