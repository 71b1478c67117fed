package org.openkpi.retention.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Benchmark of retention-service through its GraphQL API (see BENCHMARK.md). It starts an embedded PostgreSQL,
 * a fake revenue-service serving a generated MRR change feed, and the service's runner jar as a child process;
 * then, for a 1x tenant and a 2x tenant (twice the customers and activity), it measures feed ingestion, activity
 * ingestion, and p50/p95 of a 36-month NRR series, a 36x36 cohort table and a 12-month DAU/MAU series.
 */
public final class RetentionBenchmark {

    static final String ISSUER = "https://kpi.bench/issuer";
    static final String AUDIENCE = "kpi-suite";
    static final LocalDate START = LocalDate.of(2023, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 1, 1);
    static final String[] PLANS = { "starter", "basic", "pro", "team", "business", "scale", "enterprise", "annual" };
    static final int[] PRICES = { 19, 29, 49, 99, 199, 399, 999, 83 };
    static final String[] COUNTRIES = { "US", "DE", "FR", "GB", "ES", "IT", "NL", "CA", "BR", "JP" };
    static final String[] SEGMENTS = { "SMB", "MID", "ENT" };
    static final String[] CHANNELS = { "organic", "ads", "partner", "sales", "referral" };

    record Options(int customers, long activityEvents, int iterations, int warmup, boolean skip2x, long seed, Path moduleDir) {
        static Options parse(String[] args) {
            int customers = 100_000;
            long activity = 2_000_000;
            int iterations = 200;
            int warmup = 100;
            boolean skip2x = false;
            long seed = 42;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--customers" -> customers = Integer.parseInt(args[++i]);
                    case "--activity-events" -> activity = Long.parseLong(args[++i]);
                    case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--skip-2x" -> skip2x = true;
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(customers, activity, iterations, warmup, skip2x, seed,
                    Path.of(System.getProperty("benchmark.moduleDir", ".")));
        }
    }

    /** A generated change feed: entries as JSON objects (cursor = index + 1), and what the generator expects at the end. */
    record Feed(List<String> entries, int customers, long expectedPayingEnd, BigDecimal expectedMrrEnd, int users) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private EmbeddedPostgres postgres;
    private HttpServer fakeRevenue;
    private Process service;
    private Path appCopy;
    private URI graphql;
    private KeyPair keys;

    RetentionBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        RetentionBenchmark bench = new RetentionBenchmark(Options.parse(args));
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

    // ---- generation ------------------------------------------------------------------------------

    static String entry(long cursor, String customer, LocalDate day, String kind, int from, int to, int plan, int country,
            int segment, int channel) {
        return Json.createObjectBuilder().add("cursor", Long.toString(cursor)).add("type", "MOVEMENT").addNull("reversesCursor")
                .add("customerId", customer).add("day", day.toString()).add("kind", kind).add("fromMrr", from).add("toMrr", to)
                .add("currency", "USD").add("planCode", PLANS[plan]).add("country", COUNTRIES[country])
                .add("segment", SEGMENTS[segment]).add("channel", CHANNELS[channel]).add("recordedAt", "2026-01-01T00:00:00Z")
                .build().toString();
    }

    /**
     * Customers arrive over 2023-2025 (30% in Q1 2023); each month a paying customer expands (6%), contracts (3%) or
     * churns (2.5%); a churned one comes back with 15% a month. Movements are one per customer per day at most.
     */
    static Feed generate(String prefix, int customers, long seed) {
        Random r = new Random(seed);
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(START, END);
        List<String> entries = new ArrayList<>();
        // per customer events are generated then the whole feed is ordered by recording order = generation order
        long paying = 0;
        BigDecimal mrrEnd = BigDecimal.ZERO;
        long cursor = 0;
        for (int c = 0; c < customers; c++) {
            String id = prefix + c;
            int plan = r.nextInt(PLANS.length);
            int country = r.nextInt(COUNTRIES.length);
            int segment = r.nextInt(SEGMENTS.length);
            int channel = r.nextInt(CHANNELS.length);
            LocalDate day = r.nextDouble() < 0.3 ? START.plusDays(r.nextInt(90)) : START.plusDays(r.nextInt(days));
            int mrr = PRICES[plan] * (1 + r.nextInt(3));
            entries.add(entry(++cursor, id, day, "NEW", 0, mrr, plan, country, segment, channel));
            boolean on = true;
            while (true) {
                day = day.plusDays(20 + r.nextInt(21));
                if (!day.isBefore(END)) {
                    break;
                }
                double x = r.nextDouble();
                if (on) {
                    if (x < 0.06) {
                        int to = mrr + PRICES[plan] * (1 + r.nextInt(2));
                        entries.add(entry(++cursor, id, day, "EXPANSION", mrr, to, plan, country, segment, channel));
                        mrr = to;
                    } else if (x < 0.09 && mrr > PRICES[plan]) {
                        int to = mrr - PRICES[plan];
                        entries.add(entry(++cursor, id, day, "CONTRACTION", mrr, to, plan, country, segment, channel));
                        mrr = to;
                    } else if (x < 0.115) {
                        entries.add(entry(++cursor, id, day, "CHURN", mrr, 0, plan, country, segment, channel));
                        on = false;
                    }
                } else if (x < 0.15) {
                    mrr = PRICES[plan];
                    entries.add(entry(++cursor, id, day, "REACTIVATION", 0, mrr, plan, country, segment, channel));
                    on = true;
                }
            }
            if (on) {
                paying++;
                mrrEnd = mrrEnd.add(BigDecimal.valueOf(mrr));
            }
        }
        return new Feed(entries, customers, paying, mrrEnd, customers * 3);
    }

    // ---- infrastructure ---------------------------------------------------------------------------

    private void startFakeRevenue() throws IOException {
        fakeRevenue = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeRevenue.createContext("/graphql", this::feedPage);
        fakeRevenue.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        fakeRevenue.start();
    }

    private void feedPage(HttpExchange ex) throws IOException {
        JsonObject request = Json.createReader(new StringReader(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                .readObject();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String payload = new String(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
        String tenant = Json.createReader(new StringReader(payload)).readObject().getString("tenant_id");
        JsonObject vars = request.getJsonObject("variables");
        int after = vars.isNull("after") ? 0 : Integer.parseInt(vars.getString("after"));
        int first = vars.getInt("first");
        List<String> entries = feeds.get(tenant).entries();
        int to = Math.min(entries.size(), after + first);
        StringBuilder sb = new StringBuilder(256 * (to - after) + 100);
        sb.append("{\"data\":{\"changeFeed\":{\"entries\":[");
        for (int i = after; i < to; i++) {
            if (i > after) {
                sb.append(',');
            }
            sb.append(entries.get(i));
        }
        sb.append("],\"endCursor\":").append(to == 0 ? "null" : "\"" + to + "\"").append(",\"hasMore\":")
                .append(to < entries.size()).append("}}}");
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE retention_bench");
        }
    }

    private void startService() throws Exception {
        Path jar = options.moduleDir().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it first: ./mvnw -pl retention-service -DskipTests package");
        }
        appCopy = Files.createTempDirectory("retention-benchmark-app");
        try (var paths = Files.walk(jar.getParent())) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = appCopy.resolve(jar.getParent().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = options.moduleDir().resolve("target/benchmark-service.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", appCopy.resolve("quarkus-run.jar").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/retention_bench");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        env.put("KPI_OIDC_ISSUER", ISSUER);
        env.put("KPI_OIDC_AUDIENCE", AUDIENCE);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KPI_REVENUE_URL", "http://127.0.0.1:" + fakeRevenue.getAddress().getPort() + "/graphql");
        env.put("KPI_FEED_PAGE_SIZE", "5000");
        env.put("KPI_FEED_MAX_PAGES_PER_SYNC", "20");
        env.put("KPI_FEED_SYNC_BUDGET", "30s");
        // reads are timed without the per-request catch-up round trip (measured separately)
        env.put("KPI_FEED_SYNC_ON_REQUEST", "false");
        service = builder.start();
        graphql = URI.create("http://localhost:" + port + "/graphql");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet
            }
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("service did not start; see " + log);
            }
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "retention-service ready on :%d (log %s)%n", port, log);
    }

    void stop() {
        if (service != null && service.isAlive()) {
            service.destroy();
            try {
                service.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            service.destroyForcibly();
        }
        if (fakeRevenue != null) {
            fakeRevenue.stop(0);
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            // ignore
        }
    }

    // ---- client ---------------------------------------------------------------------------------

    String token(String tenant) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("bench").claim("tenant_id", tenant)
                .groups(java.util.Set.of("kpi-viewer", "kpi-writer", "kpi-admin")) // ingests, reads and sets the tenant's settings
                .expiresIn(Duration.ofHours(24))
                .sign(keys.getPrivate());
    }

    JsonObject gql(String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(graphql).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject o = Json.createReader(new StringReader(r.body())).readObject();
        if (r.statusCode() != 200 || (o.containsKey("errors") && !o.isNull("errors"))) {
            throw new IllegalStateException("GraphQL failed: " + r.body());
        }
        return o.getJsonObject("data");
    }

    static String query(String q) {
        return Json.createObjectBuilder().add("query", q).build().toString();
    }

    // ---- phases ---------------------------------------------------------------------------------

    record Reads(double[] nrr, double[] cohorts, double[] engagement, double[] sync) {
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "retention-service benchmark: %d customers, %d activity events (1x), %s; %d cores%n",
                options.customers(), options.activityEvents(), options.skip2x() ? "1x only" : "1x and 2x",
                Runtime.getRuntime().availableProcessors());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        startPostgres();
        startFakeRevenue();
        startService();
        Reads r1 = tenant("bench-1x", 1);
        Reads r2 = options.skip2x() ? null : tenant("bench-2x", 2);
        System.out.println();
        System.out.println("| read (p95 / p50, ms) | 1x | 2x |");
        System.out.println("|---|---|---|");
        row("retentionSeries, 36 months", r1.nrr(), r2 == null ? null : r2.nrr());
        row("cohortRetention, 36 x 36", r1.cohorts(), r2 == null ? null : r2.cohorts());
        row("engagementSeries, 12 months DAU/MAU", r1.engagement(), r2 == null ? null : r2.engagement());
        row("syncRetentionFeed with nothing new", r1.sync(), r2 == null ? null : r2.sync());
        printSizes();
    }

    static void row(String label, double[] a, double[] b) {
        System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f | %s |%n", label, percentile(a, 95), percentile(a, 50),
                b == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", percentile(b, 95), percentile(b, 50)));
    }

    Reads tenant(String tenant, int scale) throws Exception {
        long t0 = System.nanoTime();
        Feed feed = generate(tenant + "-c", options.customers() * scale, options.seed() + scale);
        feeds.put(tenant, feed);
        System.out.printf(Locale.ROOT, "%n%s: %d customers, %d feed entries (generated in %.1f s); expected at the end of 2025:"
                + " %d paying, MRR %s%n", tenant, feed.customers(), feed.entries().size(), (System.nanoTime() - t0) / 1e9,
                feed.expectedPayingEnd(), feed.expectedMrrEnd().toPlainString());
        String token = token(tenant);

        // feed ingestion
        t0 = System.nanoTime();
        while (true) {
            JsonObject s = gql(token, query("mutation { syncRetentionFeed { entriesApplied pending lastError } }")).getJsonObject("syncRetentionFeed");
            if (!s.isNull("lastError")) {
                throw new IllegalStateException(s.toString());
            }
            if (!s.getBoolean("pending")) {
                break;
            }
        }
        double feedSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  feed ingestion: %d entries in %.1f s = %.0f entries/s%n", feed.entries().size(), feedSeconds,
                feed.entries().size() / feedSeconds);
        JsonObject check = gql(token, query("{ retentionSeries(range:{from:\"2026-01-01\",to:\"2026-02-01\"}, granularity:MONTH)"
                + "{ payingCustomersStart mrrStart{amount} } }")).getJsonArray("retentionSeries").getJsonObject(0);
        long paying = check.getJsonNumber("payingCustomersStart").longValue();
        BigDecimal mrr = check.getJsonObject("mrrStart").getJsonNumber("amount").bigDecimalValue();
        boolean ok = paying == feed.expectedPayingEnd() && mrr.compareTo(feed.expectedMrrEnd()) == 0;
        System.out.printf(Locale.ROOT, "  check: service says %d paying, MRR %s at the end of 2025: %s%n", paying, mrr.toPlainString(),
                ok ? "MATCHES the generator" : "MISMATCH");
        if (!ok) {
            throw new IllegalStateException("the service's figures differ from the generator's");
        }

        // activity: each active (user, day) gets 1..9 events at different times, in 2025
        long events = options.activityEvents() * scale;
        Random r = new Random(options.seed() * 31 + scale);
        t0 = System.nanoTime();
        long sent = 0;
        long accepted = 0;
        double clientSeconds = 0;
        while (sent < events) {
            long c0 = System.nanoTime();
            StringBuilder sb = new StringBuilder(5000 * 100);
            sb.append("{\"query\":\"mutation($e:[ActivityEventInput!]!){recordActivity(events:$e){accepted}}\",\"variables\":{\"e\":[");
            int n = 0;
            while (n < 5000 && sent < events) {
                int user = r.nextInt(feed.users());
                LocalDate day = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(365));
                int k = 1 + r.nextInt(9);
                for (int j = 0; j < k && n < 5000 && sent < events; j++, n++, sent++) {
                    if (n > 0) {
                        sb.append(',');
                    }
                    sb.append("{\"userId\":\"u").append(user).append("\",\"customerId\":\"").append(tenant).append("-c")
                            .append(user / 3).append("\",\"occurredAt\":\"").append(day).append('T').append(String.format("%02d", j + 8))
                            .append(":15:00Z\"}");
                }
            }
            sb.append("]}}");
            clientSeconds += (System.nanoTime() - c0) / 1e9;
            accepted += gql(token, sb.toString()).getJsonObject("recordActivity").getInt("accepted");
        }
        double actSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  activity ingestion: %d events (%d new day-user rows) in %.1f s = %.0f events/s"
                + " (client JSON building %.1f s of that)%n", events, accepted, actSeconds, events / actSeconds, clientSeconds);

        // reads
        String nrr = query("{ retentionSeries(range:{from:\"2023-01-01\",to:\"2026-01-01\"}, granularity:MONTH){ period{start}"
                + " payingCustomersStart logoChurnRate{value} grossMrrChurnRate{value} nrr{value} grr{value} } }");
        String cohorts = query("{ cohortRetention(cohorts:{from:\"2023-01-01\",to:\"2026-01-01\"}, asOf:\"2026-01-01\"){ maxOffset"
                + " rows{ cohort{start} customers cells{ offset payingCustomers mrr{amount} logoRetention{value} revenueRetention{value} } } } }");
        String engagement = query("{ engagementSeries(range:{from:\"2025-01-01\",to:\"2026-01-01\"}, granularity:MONTH){ period{start}"
                + " meanDailyActiveUsers activeUsers stickiness{value} } }");
        String sync = query("mutation { syncRetentionFeed { pending } }");
        JsonObject table = gql(token, cohorts).getJsonObject("cohortRetention");
        System.out.printf(Locale.ROOT, "  cohort table: %d cohorts, max offset %d; 36-month series: %d points%n",
                table.getJsonArray("rows").size(), table.getInt("maxOffset"), gql(token, nrr).getJsonArray("retentionSeries").size());
        return new Reads(time(token, nrr), time(token, cohorts), time(token, engagement), time(token, sync));
    }

    double[] time(String token, String body) throws Exception {
        for (int i = 0; i < options.warmup(); i++) {
            gql(token, body);
        }
        double[] ms = new double[options.iterations()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            gql(token, body);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    void printSizes() throws Exception {
        System.out.println();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/retention_bench",
                "postgres", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                        SELECT relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables
                        WHERE relname IN ('movement','retention_daily','retention_young','cohort_delta','activity_day_user',
                          'activity_month_user','activity_daily','activity_monthly') ORDER BY pg_total_relation_size(relid) DESC""")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "  %-20s %10d rows %10s%n", rs.getString(1), rs.getLong(2), rs.getString(3));
            }
        }
        System.out.println("  finished " + Instant.now());
    }
}
