package org.openkpi.support.bench;

import java.io.IOException;
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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The support-service benchmark (see BENCHMARK.md). Starts an embedded PostgreSQL and the built service
 * ({@code target/quarkus-app/quarkus-run.jar}) as a child process, generates a synthetic tenant (by
 * default 100,000 tickets with about 5 events each over 2023-01-01 .. 2025-12-31), ingests it through the
 * public GraphQL API (tickets, then events in chronological batches, one sender), and measures the
 * p50/p95/max latency of a 36-month monthly first-response + resolution query in business hours and of
 * the per-agent leaderboard. Then it ingests a second, equally large history (same tenant, same 3 years)
 * and measures again. It prints figures; it asserts nothing about speed.
 *
 * <p>Options: {@code --tickets N} (100000), {@code --batch N} (5000), {@code --skip-2x}, {@code --warmup N}
 * (200), {@code --iterations N} (200), {@code --seed N} (42), {@code --generate-only}.
 */
public final class SupportBenchmark {

    static final String ISSUER = "https://kpi.bench/issuer";
    static final String AUDIENCE = "kpi-suite";
    static final long FROM_SEC = LocalDate.of(2023, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final long END_SEC = LocalDate.of(2026, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final long HOUR = 3600;
    static final long DAY = 86_400;

    static final String[] CHANNELS = {"email", "email", "chat", "chat", "phone", "web"};
    static final String[] PRIORITIES = {"urgent", "high", "high", "normal", "normal", "normal", "low", "low"};
    static final int AGENTS = 200;
    static final int TEAMS = 10;
    static final String[] TYPES = {"PUBLIC_AGENT_REPLY", "PRIVATE_AGENT_NOTE", "BOT_REPLY", "CUSTOMER_REPLY",
        "RESOLVED_BY_AGENT", "RESOLVED_BY_AUTOMATION", "REOPENED", "CLOSED"};
    static final byte REPLY = 0, NOTE = 1, BOT = 2, CUSTOMER = 3, RESOLVED_AGENT = 4, RESOLVED_AUTO = 5, REOPENED = 6, CLOSED = 7;

    static final String READ_DURATIONS = "{ f: firstResponseTime(range:{from:\"2023-01-01\",to:\"2026-01-01\"}, granularity:MONTH)"
            + "{ period{start} tickets businessHours{mean median p90} }"
            + " r: resolutionTime(range:{from:\"2023-01-01\",to:\"2026-01-01\"}, granularity:MONTH)"
            + "{ period{start} tickets businessHours{mean median p90} } }";
    static final String READ_LEADERBOARD = "{ agentResolutionRates(range:{from:\"2023-01-01\",to:\"2026-01-01\"})"
            + "{ agentId resolved resolvedPerWorkingDay{value} } }";

    /** One generated history: tickets and their events (parallel arrays), events in chronological order. */
    static final class History {
        final int firstTicket;
        final int tickets;
        final long[] created;
        final byte[] channel;
        final byte[] priority;
        final int[] customer;
        final short[] opener; // -1: customer-opened
        int size;
        long[] at = new long[1 << 20];
        int[] ticket = new int[1 << 20];
        byte[] type = new byte[1 << 20];
        short[] agent = new short[1 << 20];
        int[] order;
        long expectedFirstResponses;
        long expectedResolved;
        long expectedResolvedByAgent;

        History(int firstTicket, int tickets) {
            this.firstTicket = firstTicket;
            this.tickets = tickets;
            created = new long[tickets];
            channel = new byte[tickets];
            priority = new byte[tickets];
            customer = new int[tickets];
            opener = new short[tickets];
        }

        void add(long when, int t, byte kind, int agentIndex) {
            if (size == at.length) {
                int n = size * 2;
                at = Arrays.copyOf(at, n);
                ticket = Arrays.copyOf(ticket, n);
                type = Arrays.copyOf(type, n);
                agent = Arrays.copyOf(agent, n);
            }
            at[size] = when;
            ticket[size] = t;
            type[size] = kind;
            agent[size] = (short) agentIndex;
            size++;
        }

        void sort() {
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = ((at[i] - FROM_SEC + 400 * DAY) << 26) | i;
            }
            Arrays.sort(keys);
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) (keys[i] & ((1 << 26) - 1));
            }
        }
    }

    static long exp(SplittableRandom rnd, double mean) {
        return (long) (-Math.log(1 - rnd.nextDouble()) * mean);
    }

    static History generate(int firstTicket, int tickets, long seed) {
        History h = new History(firstTicket, tickets);
        for (int k = 0; k < tickets; k++) {
            int id = firstTicket + k;
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + id);
            long c = FROM_SEC + rnd.nextLong(END_SEC - FROM_SEC - 2 * DAY);
            h.created[k] = c;
            h.channel[k] = (byte) rnd.nextInt(CHANNELS.length);
            h.priority[k] = (byte) rnd.nextInt(PRIORITIES.length);
            h.customer[k] = rnd.nextInt(Math.max(1, tickets / 4));
            int a = rnd.nextInt(AGENTS);
            boolean agentOpened = rnd.nextInt(100) < 10;
            h.opener[k] = (short) (agentOpened ? a : -1);
            long t = c;
            if (agentOpened) {
                h.add(c, k, REPLY, a); // the opening message
            } else if (rnd.nextInt(100) < 30) {
                h.add(c + 60, k, BOT, -1);
            }
            boolean automated = !agentOpened && rnd.nextInt(100) < 12;
            if (automated) {
                h.add(c + 120 + exp(rnd, 2 * HOUR), k, RESOLVED_AUTO, -1);
                h.expectedResolved++;
                continue;
            }
            t += 60 + exp(rnd, 5 * HOUR);
            if (rnd.nextInt(100) < 15) {
                h.add(t - 30, k, NOTE, a);
            }
            h.add(t, k, REPLY, a);
            h.expectedFirstResponses++;
            int back = rnd.nextInt(3);
            for (int i = 0; i < back; i++) {
                t += 60 + exp(rnd, 6 * HOUR);
                h.add(t, k, CUSTOMER, -1);
                t += 60 + exp(rnd, 4 * HOUR);
                h.add(t, k, REPLY, a);
            }
            if (rnd.nextInt(100) < 8) {
                continue; // never resolved
            }
            t += 60 + exp(rnd, 20 * HOUR);
            h.add(t, k, RESOLVED_AGENT, a);
            if (rnd.nextInt(100) < 10) {
                t += 60 + exp(rnd, 48 * HOUR);
                h.add(t, k, REOPENED, -1);
                if (rnd.nextInt(100) < 20) {
                    continue; // still reopened
                }
                t += 60 + exp(rnd, 10 * HOUR);
                h.add(t, k, RESOLVED_AGENT, a);
            }
            h.expectedResolved++;
            h.expectedResolvedByAgent++;
            if (rnd.nextInt(100) < 40) {
                h.add(t + 3 * DAY, k, CLOSED, -1);
            }
        }
        h.sort();
        return h;
    }

    // ---- options and run -------------------------------------------------------------------------

    record Options(int tickets, int batch, boolean skip2x, int warmup, int iterations, long seed, boolean generateOnly,
            Path moduleDir) {

        static Options parse(String[] args) {
            int tickets = 100_000;
            int batch = 5000;
            boolean skip2x = false;
            int warmup = 200;
            int iterations = 200;
            long seed = 42;
            boolean generateOnly = false;
            List<String> list = new ArrayList<>();
            for (String a : args) {
                if (a != null && !a.isBlank()) {
                    list.addAll(Arrays.asList(a.trim().split("\\s+")));
                }
            }
            for (int i = 0; i < list.size(); i++) {
                switch (list.get(i)) {
                    case "--tickets" -> tickets = Integer.parseInt(list.get(++i));
                    case "--batch" -> batch = Integer.parseInt(list.get(++i));
                    case "--skip-2x" -> skip2x = true;
                    case "--warmup" -> warmup = Integer.parseInt(list.get(++i));
                    case "--iterations" -> iterations = Integer.parseInt(list.get(++i));
                    case "--seed" -> seed = Long.parseLong(list.get(++i));
                    case "--generate-only" -> generateOnly = true;
                    default -> throw new IllegalArgumentException("unknown option " + list.get(i)
                            + "; options: --tickets N --batch N --skip-2x --warmup N --iterations N --seed N --generate-only");
                }
            }
            String dir = System.getProperty("benchmark.moduleDir");
            Path moduleDir = dir != null && !dir.isBlank() ? Path.of(dir).toAbsolutePath() : Path.of("").toAbsolutePath();
            return new Options(tickets, batch, skip2x, warmup, iterations, seed, generateOnly, moduleDir);
        }
    }

    record Latencies(double p50, double p95, double max) {
        static Latencies of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Latencies(s[(int) Math.min(s.length - 1, Math.ceil(0.50 * s.length) - 1)],
                    s[(int) Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)], s[s.length - 1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms", p50, p95, max);
        }
    }

    private final Options options;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedPostgres postgres;
    private String jdbcUrl;
    private Process service;
    private Path appCopy;
    private URI graphql;
    private String token;
    private boolean stopped;

    SupportBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.generateOnly()) {
            long t0 = System.nanoTime();
            History h = generate(0, options.tickets(), options.seed());
            print("generated", h, (System.nanoTime() - t0) / 1e9);
            return;
        }
        SupportBenchmark bench = new SupportBenchmark(options);
        Thread hook = new Thread(bench::stop, "benchmark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
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

    static void print(String label, History h, double seconds) {
        System.out.printf(Locale.ROOT, "%s: %d tickets, %d events (%.2f per ticket), generated in %.1f s;"
                + " expected: %d first responses, %d resolved (%d by agents)%n", label, h.tickets, h.size,
                (double) h.size / h.tickets, seconds, h.expectedFirstResponses, h.expectedResolved, h.expectedResolvedByAgent);
    }

    void run() throws Exception {
        Path jar = options.moduleDir().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it first: ./mvnw -pl support-service -DskipTests package");
        }
        System.out.printf(Locale.ROOT, "support-service benchmark: %d tickets per history, batches of %d, %s; %d cores, java %s%n",
                options.tickets(), options.batch(), options.skip2x() ? "1x only" : "1x and 2x history",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long t0 = System.nanoTime();
        History first = generate(0, options.tickets(), options.seed());
        print("history 1x", first, (System.nanoTime() - t0) / 1e9);
        startPostgres();
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        token = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("bench").claim("tenant_id", "bench")
                .groups(java.util.Set.of("kpi-viewer", "kpi-writer", "kpi-admin")) // ingests, reads and sets the calendar
                .expiresIn(Duration.ofHours(48)).sign(keys.getPrivate());
        startService(jar, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        setUpTenant();
        ingest("1x", first);
        verify(first.expectedFirstResponses, first.expectedResolved);
        Latencies[] reads1 = reads("1x");
        Latencies[] reads2 = null;
        if (!options.skip2x()) {
            t0 = System.nanoTime();
            History second = generate(options.tickets(), options.tickets(), options.seed() + 7919);
            print("history 2x (another " + options.tickets() + " tickets over the same 3 years)", second, (System.nanoTime() - t0) / 1e9);
            ingest("2x", second);
            verify(first.expectedFirstResponses + second.expectedFirstResponses, first.expectedResolved + second.expectedResolved);
            reads2 = reads("2x");
        }
        tableSizes();
        System.out.println();
        System.out.println("SUMMARY (client-side round trips, HTTP + JSON)");
        System.out.println("  36-month monthly FRT + full resolution in business hours, 1x: " + reads1[0]);
        System.out.println("  per-agent leaderboard (36 months),                       1x: " + reads1[1]);
        if (reads2 != null) {
            System.out.println("  36-month monthly FRT + full resolution in business hours, 2x: " + reads2[0]);
            System.out.println("  per-agent leaderboard (36 months),                       2x: " + reads2[1]);
        }
    }

    private void setUpTenant() throws Exception {
        StringBuilder days = new StringBuilder();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            days.append(days.length() == 0 ? "" : ",").append("{weekday:").append(d)
                    .append(",blocks:[{start:\"09:00\",end:\"12:00\"},{start:\"13:00\",end:\"18:00\"}]}");
        }
        StringBuilder holidays = new StringBuilder();
        for (int y = 2023; y <= 2025; y++) {
            for (String md : List.of("-01-01", "-05-01", "-10-03", "-12-25", "-12-26")) {
                holidays.append(holidays.length() == 0 ? "" : ",").append('"').append(y).append(md).append('"');
            }
        }
        post(body("mutation { updateSupportSettings(settings:{timeZone:\"Europe/Berlin\", businessHours:[" + days
                + "], holidays:[" + holidays + "], slaTargets:[{priority:\"urgent\",firstResponseHours:1,resolutionHours:8},"
                + "{priority:\"high\",firstResponseHours:4,resolutionHours:24},{priority:\"normal\",firstResponseHours:8,"
                + "resolutionHours:40},{priority:\"low\",firstResponseHours:24,resolutionHours:80}]}){ timeZone } }"), Duration.ofMinutes(5));
        StringBuilder teams = new StringBuilder();
        for (int i = 0; i < TEAMS; i++) {
            teams.append(i == 0 ? "" : ",").append("{externalId:\"team").append(i).append("\",name:\"Team ").append(i).append("\"}");
        }
        post(body("mutation { recordTeams(teams:[" + teams + "]){accepted} }"), Duration.ofMinutes(1));
        StringBuilder agents = new StringBuilder();
        for (int i = 0; i < AGENTS; i++) {
            agents.append(i == 0 ? "" : ",").append("{externalId:\"agent").append(i).append("\",name:\"Agent ").append(i)
                    .append("\",teamId:\"team").append(i % TEAMS).append("\"}");
        }
        post(body("mutation { recordAgents(agents:[" + agents + "]){accepted} }"), Duration.ofMinutes(1));
        System.out.println("Tenant: Europe/Berlin, Mon-Fri 09:00-12:00 + 13:00-18:00, 15 holidays, 4 SLA priorities, "
                + TEAMS + " teams, " + AGENTS + " agents");
    }

    private void ingest(String label, History h) throws Exception {
        long t0 = System.nanoTime();
        Integer[] byCreation = new Integer[h.tickets];
        for (int i = 0; i < h.tickets; i++) {
            byCreation[i] = i;
        }
        Arrays.sort(byCreation, (x, y) -> Long.compare(h.created[x], h.created[y]));
        for (int from = 0; from < h.tickets; from += options.batch()) {
            int to = Math.min(h.tickets, from + options.batch());
            StringBuilder b = new StringBuilder(200 * (to - from));
            b.append("{\"query\":\"mutation($x:[TicketInput!]!){recordTickets(tickets:$x){accepted}}\",\"variables\":{\"x\":[");
            for (int n = from; n < to; n++) {
                int k = byCreation[n];
                b.append(n == from ? "" : ",").append("{\"externalId\":\"t").append(h.firstTicket + k)
                        .append("\",\"customerId\":\"cust").append(h.customer[k]).append("\",\"channel\":\"")
                        .append(CHANNELS[h.channel[k]]).append("\",\"priority\":\"").append(PRIORITIES[h.priority[k]])
                        .append("\",\"createdAt\":\"").append(Instant.ofEpochSecond(h.created[k])).append('"');
                if (h.opener[k] >= 0) {
                    b.append(",\"openedBy\":\"AGENT\",\"openedByAgentId\":\"agent").append(h.opener[k]).append('"');
                }
                b.append('}');
            }
            b.append("]}}");
            check(post(b.toString(), Duration.ofMinutes(10)).get("recordTickets"), to - from);
        }
        double ticketSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Ingestion %s: %d tickets in %.1f s = %.0f tickets/s%n", label, h.tickets, ticketSeconds,
                h.tickets / ticketSeconds);
        t0 = System.nanoTime();
        int batches = (h.size + options.batch() - 1) / options.batch();
        int every = Math.max(1, batches / 10);
        for (int n = 0; n < batches; n++) {
            int from = n * options.batch();
            int to = Math.min(h.size, from + options.batch());
            StringBuilder b = new StringBuilder(160 * (to - from));
            b.append("{\"query\":\"mutation($x:[TicketEventInput!]!){recordTicketEvents(events:$x){accepted}}\",\"variables\":{\"x\":[");
            for (int q = from; q < to; q++) {
                int i = h.order[q];
                b.append(q == from ? "" : ",").append("{\"externalId\":\"e").append(h.firstTicket).append('-').append(i)
                        .append("\",\"ticketId\":\"t").append(h.firstTicket + h.ticket[i]).append("\",\"type\":\"")
                        .append(TYPES[h.type[i]]).append("\",\"at\":\"").append(Instant.ofEpochSecond(h.at[i])).append('"');
                if (h.agent[i] >= 0) {
                    b.append(",\"agentId\":\"agent").append(h.agent[i]).append('"');
                }
                b.append('}');
            }
            b.append("]}}");
            check(post(b.toString(), Duration.ofMinutes(10)).get("recordTicketEvents"), to - from);
            if ((n + 1) % every == 0 || n == batches - 1) {
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "  %9d / %d events, %6.1f s, %6.0f events/s%n", to, h.size, s, to / s);
            }
        }
        double eventSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Ingestion %s: %d events in %.1f s = %.0f events/s%n", label, h.size, eventSeconds,
                h.size / eventSeconds);
    }

    private static void check(JsonNode result, int expected) {
        if (result.get("accepted").asInt() != expected) {
            throw new IllegalStateException("expected " + expected + " accepted, got " + result);
        }
    }

    private void verify(long firstResponses, long resolved) throws Exception {
        JsonNode data = post(body(READ_DURATIONS), Duration.ofMinutes(1));
        long f = 0;
        long r = 0;
        for (JsonNode p : data.get("f")) {
            f += p.get("tickets").asLong();
        }
        for (JsonNode p : data.get("r")) {
            r += p.get("tickets").asLong();
        }
        // events after 2025-12-31 fall outside the range; allow for those few
        System.out.printf(Locale.ROOT, "Check: first responses in 2023-2025 %d (generated %d), resolved %d (generated %d)%n",
                f, firstResponses, r, resolved);
        if (f > firstResponses || r > resolved || f < firstResponses * 0.99 || r < resolved * 0.98) {
            throw new IllegalStateException("the service's counts do not match the generated history");
        }
    }

    private Latencies[] reads(String label) throws Exception {
        Latencies[] out = new Latencies[2];
        String[] queries = {READ_DURATIONS, READ_LEADERBOARD};
        for (int q = 0; q < queries.length; q++) {
            String b = body(queries[q]);
            for (int i = 0; i < options.warmup(); i++) {
                post(b, Duration.ofMinutes(1));
            }
            double[] ms = new double[options.iterations()];
            double cpu0 = serviceCpuSeconds();
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                post(b, Duration.ofMinutes(1));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double cpuMs = (serviceCpuSeconds() - cpu0) * 1000 / ms.length;
            out[q] = Latencies.of(ms);
            System.out.println("Reads " + label + (q == 0 ? " FRT+resolution 36 months: " : " leaderboard: ") + out[q]
                    + String.format(Locale.ROOT, "  service CPU per request %.2f ms", cpuMs));
        }
        return out;
    }

    /** CPU seconds (user + system, all threads) the service process has used so far; it does not depend on the load. */
    private double serviceCpuSeconds() {
        return service.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private void tableSizes() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            for (String t : List.of("ticket", "ticket_event", "ticket_metrics", "ticket_open_interval", "rollup")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('" + t + "')) FROM " + t)) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "  table %-22s %,12d rows %10s%n", t, rs.getLong(1), rs.getString(2));
                }
            }
        }
    }

    // ---- infrastructure --------------------------------------------------------------------------

    private void startPostgres() throws Exception {
        Path log = options.moduleDir().resolve("target/benchmark-postgres.log");
        Files.createDirectories(log.getParent());
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.to(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.to(log.toFile())).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE support_bench");
        }
        jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/support_bench";
        System.out.println("PostgreSQL (zonky embedded, fsync off) on port " + postgres.getPort());
    }

    private void startService(Path jar, String publicKey) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        appCopy = Files.createTempDirectory("support-benchmark-app");
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
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", appCopy.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
        env.put("KPI_OIDC_ISSUER", ISSUER);
        env.put("KPI_OIDC_AUDIENCE", AUDIENCE);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        service = builder.start();
        graphql = URI.create("http://localhost:" + port + "/graphql");
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited before it was ready; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet listening
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service was not ready after 120 s; see " + log);
            }
            Thread.sleep(250);
        }
        System.out.println("support-service (pid " + service.pid() + ") ready on :" + port + "; log " + log);
    }

    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
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
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL: " + e.getMessage());
            }
        }
        if (appCopy != null) {
            try (var paths = Files.walk(appCopy)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temp directory left behind
            }
        }
    }

    private static String body(String query) {
        return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private JsonNode post(String body) throws Exception {
        return post(body, Duration.ofMinutes(1));
    }

    private JsonNode post(String body, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(timeout).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        JsonNode node = json.readTree(response.body());
        JsonNode errors = node.get("errors");
        if (errors != null && !errors.isEmpty()) {
            String e = errors.toString();
            throw new IllegalStateException("GraphQL errors: " + (e.length() > 2000 ? e.substring(0, 2000) : e));
        }
        return node.get("data");
    }
}
