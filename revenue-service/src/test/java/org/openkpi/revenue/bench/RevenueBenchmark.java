package org.openkpi.revenue.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The revenue-service benchmark (see BENCHMARK.md). Starts an embedded PostgreSQL and the built service
 * ({@code target/quarkus-app/quarkus-run.jar}) as a child process, generates a synthetic tenant (by
 * default 100,000 customers with about 10 subscription events each over 2023-01-01 .. 2025-12-31),
 * ingests it through the public GraphQL API in chronological batches (two concurrent senders by default, with the customers
 * split between them), and measures the
 * p50/p95/max latency of a 36-month monthly MRR series and of a plan-mix query. Then it ingests a second,
 * equally large history (another N customers of the same tenant over the same 3 years, so twice the
 * events) and measures the reads again. It prints figures; it asserts nothing about speed.
 *
 * <p>Options (arguments, or system properties {@code benchmark.<name>}): {@code --customers N}
 * (100000), {@code --batch N} (5000), {@code --skip-2x}, {@code --warmup N} (500), {@code --warmup-seconds S} (20: warm-up lasts at least this long per query), {@code --iterations N}
 * (200), {@code --seed N} (42), {@code --generate-only} (print the synthetic history's statistics and
 * stop), {@code --profile} (record the service with JDK Flight Recorder and sample {@code pg_stat_activity}
 * during event ingestion, then print where the time went). System property {@code benchmark.serviceJvmArgs}:
 * the service's JVM arguments (default: its container image's, {@link #IMAGE_JVM_ARGS}; empty: the JVM's defaults).
 *
 * <p>The service runs from a private copy of {@code target/quarkus-app}, so a rebuild of the module while
 * the benchmark runs cannot pull the jars from under it.
 */
public final class RevenueBenchmark {

    /**
     * The JVM options the service's container image runs it with (src/main/docker/Dockerfile.jvm) in the 2 GiB the
     * deploy overlays give it: run-java.sh's ParallelGC options with the image's {@code GC_TIME_RATIO=99}, and the heap
     * fixed at the image's 70% of 2 GiB ({@code JAVA_MAX_MEM_RATIO=70}, {@code -XX:InitialRAMPercentage=70}), given in
     * megabytes because this machine's memory is not the container's, half of it young ({@code -XX:NewRatio=1}).
     * {@code -Dbenchmark.serviceJvmArgs=} (empty) runs the service with the JVM's defaults instead (G1, a quarter of the
     * machine's memory), as before 2026-11-24's seventh session.
     */
    static final String IMAGE_JVM_ARGS = "-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=99"
            + " -XX:AdaptiveSizePolicyWeight=90 -Xms1434m -Xmx1434m -XX:NewRatio=1 -XX:+ExitOnOutOfMemoryError";

    static final String ISSUER = "https://kpi.bench/issuer";
    static final String AUDIENCE = "kpi-suite";
    static final String TENANT = "bench";
    /** The tenant whose ingestion warms the service up (JIT) before the measured one. */
    static final String WARMUP_TENANT = "bench-warmup";
    static final String DATABASE = "revenue_bench";

    static final LocalDate HISTORY_FROM = LocalDate.of(2023, 1, 1);
    static final LocalDate HISTORY_TO = LocalDate.of(2026, 1, 1); // exclusive
    static final long FROM_SEC = HISTORY_FROM.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final long END_SEC = HISTORY_TO.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final long DAY = 86_400;

    static final String MRR_SERIES = "{ mrrSeries(range:{from:\"2023-01-01\",to:\"2026-01-01\"}, granularity:MONTH)"
            + "{ period{start} mrrEnd{amount} netNewMrr{amount} arpa{value} } }";
    static final String PLAN_MIX = "{ planMix(asOf:\"2025-12-31\"){ planCode mrr{amount} customerShare{value} } }";
    static final String EVENTS_MUTATION = "mutation($e:[SubscriptionEventInput!]!)"
            + "{recordSubscriptionEvents(events:$e){accepted unchanged replaced}}";
    static final String CUSTOMERS_MUTATION = "mutation($c:[CustomerInput!]!)"
            + "{recordCustomers(customers:$c){accepted unchanged replaced}}";
    static final String PLANS_MUTATION = "mutation($p:[PlanInput!]!){recordPlans(plans:$p){accepted unchanged replaced}}";

    static final double TARGET_INGEST_EPS = 20_000;
    static final double TARGET_SERIES_P95_MS = 50;

    // ---- the synthetic tenant --------------------------------------------------------------------

    /** code, price per interval (USD), interval in months, weight when drawn */
    record PlanDef(String code, String name, String price, int interval, int weight) {
        BigDecimal priceValue() {
            return new BigDecimal(price);
        }
    }

    static final List<PlanDef> PLANS = List.of(
            new PlanDef("starter-m", "Starter monthly", "29.00", 1, 30),
            new PlanDef("starter-y", "Starter yearly", "290.00", 12, 10),
            new PlanDef("pro-m", "Pro monthly", "99.00", 1, 25),
            new PlanDef("pro-q", "Pro quarterly", "279.00", 3, 8),
            new PlanDef("pro-y", "Pro yearly", "990.00", 12, 10),
            new PlanDef("business-m", "Business monthly", "299.00", 1, 9),
            new PlanDef("business-y", "Business yearly", "2990.00", 12, 5),
            new PlanDef("enterprise-q", "Enterprise quarterly", "2400.00", 3, 3));
    static final int PLAN_WEIGHT_TOTAL = PLANS.stream().mapToInt(PlanDef::weight).sum();

    static final String[] COUNTRIES = {"US", "US", "US", "GB", "DE", "FR", "CA", "AU", "NL", "SE", "BR", "IN", "JP", "ES"};
    static final String[] SEGMENTS = {"SMB", "SMB", "SMB", "Mid-Market", "Mid-Market", "Enterprise"};
    static final String[] CHANNELS = {"organic", "paid-search", "referral", "partner", "outbound"};

    static final byte STARTED = 0, PLAN_CHANGED = 1, QUANTITY_CHANGED = 2, DISCOUNT_APPLIED = 3, DISCOUNT_REMOVED = 4,
            PAUSED = 5, RESUMED = 6, CANCELLED = 7, REACTIVATED = 8;
    static final String[] TYPE_NAMES = {"STARTED", "PLAN_CHANGED", "QUANTITY_CHANGED", "DISCOUNT_APPLIED", "DISCOUNT_REMOVED",
            "PAUSED", "RESUMED", "CANCELLED", "REACTIVATED"};
    static final int[] DISCOUNT_PERCENTS = {10, 15, 20, 25, 50};
    static final int[] DISCOUNT_AMOUNTS = {5, 10, 15, 20};

    /**
     * One generated history: the events of customers {@code firstCustomer .. firstCustomer + customers - 1}
     * in parallel arrays, plus the MRR they should give at the end of 2025 (computed independently of the
     * service, as a correctness check).
     */
    static final class History {
        final int firstCustomer;
        final int customers;
        final long firstEventId;
        int size;
        long[] at = new long[1 << 16];
        int[] customer = new int[1 << 16];
        byte[] sub = new byte[1 << 16];
        byte[] type = new byte[1 << 16];
        byte[] plan = new byte[1 << 16]; // -1: none
        short[] quantity = new short[1 << 16]; // 0: none
        byte[] discountPercent = new byte[1 << 16]; // 0: none
        byte[] discountAmount = new byte[1 << 16]; // 0: none
        int[] trialDays = new int[1 << 16]; // STARTED only, 0: none
        int[] order; // chronological order of the events
        final int[] typeCounts = new int[TYPE_NAMES.length];
        BigDecimal expectedMrrEnd = BigDecimal.ZERO;
        int expectedPayingEnd;
        final BigDecimal[] expectedPlanMrr = new BigDecimal[PLANS.size()];

        History(int firstCustomer, int customers, long firstEventId) {
            this.firstCustomer = firstCustomer;
            this.customers = customers;
            this.firstEventId = firstEventId;
            Arrays.fill(expectedPlanMrr, BigDecimal.ZERO);
        }

        int add(long when, int cust, int subIndex, byte t) {
            if (size == at.length) {
                int n = size * 2;
                at = Arrays.copyOf(at, n);
                customer = Arrays.copyOf(customer, n);
                sub = Arrays.copyOf(sub, n);
                type = Arrays.copyOf(type, n);
                plan = Arrays.copyOf(plan, n);
                quantity = Arrays.copyOf(quantity, n);
                discountPercent = Arrays.copyOf(discountPercent, n);
                discountAmount = Arrays.copyOf(discountAmount, n);
                trialDays = Arrays.copyOf(trialDays, n);
            }
            int i = size++;
            at[i] = when;
            customer[i] = cust;
            sub[i] = (byte) subIndex;
            type[i] = t;
            plan[i] = -1;
            typeCounts[t]++;
            return i;
        }

        void sortChronologically() {
            if (size >= (1 << 24)) {
                throw new IllegalStateException("too many events for one history: " + size);
            }
            long base = FROM_SEC - 366 * DAY;
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = ((at[i] - base) << 24) | i;
            }
            Arrays.sort(keys);
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) (keys[i] & 0xFFFFFF);
            }
        }

        long lastCustomer() {
            return firstCustomer + customers - 1L;
        }

        /** Mean number of distinct customers in a batch of {@code batchSize} events (in chronological order). */
        double customersPerBatch(int batchSize) {
            int[] seenIn = new int[(int) lastCustomer() + 1];
            long total = 0;
            int batches = 0;
            for (int from = 0; from < size; from += batchSize) {
                batches++;
                for (int k = from; k < Math.min(size, from + batchSize); k++) {
                    int c = customer[order[k]];
                    if (seenIn[c] != batches) {
                        seenIn[c] = batches;
                        total++;
                    }
                }
            }
            return batches == 0 ? 0 : (double) total / batches;
        }
    }

    /** The state of one generated subscription while its events are drawn. */
    private static final class SubState {
        int plan;
        int quantity;
        int discountPercent;
        int discountAmount;
        boolean paused;
        boolean cancelled;
        long trialEnd; // 0: none

        BigDecimal mrrAtEnd() {
            if (cancelled || paused || (trialEnd != 0 && trialEnd >= END_SEC)) {
                return BigDecimal.ZERO;
            }
            PlanDef p = PLANS.get(plan);
            BigDecimal gross = p.priceValue().multiply(BigDecimal.valueOf(quantity));
            if (discountPercent != 0) {
                gross = gross.multiply(BigDecimal.valueOf(100 - discountPercent)).movePointLeft(2);
            }
            if (discountAmount != 0) {
                gross = gross.subtract(BigDecimal.valueOf(discountAmount)).max(BigDecimal.ZERO);
            }
            return gross.divide(BigDecimal.valueOf(p.interval()), 2, RoundingMode.HALF_UP);
        }
    }

    static History generate(int firstCustomer, int customers, long firstEventId, long seed) {
        History h = new History(firstCustomer, customers, firstEventId);
        for (int c = firstCustomer; c < firstCustomer + customers; c++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + c);
            // 30% were already customers in the first quarter of 2023, the rest arrive through the 3 years
            long start = rnd.nextInt(100) < 30
                    ? FROM_SEC + rnd.nextLong(90 * DAY)
                    : FROM_SEC + rnd.nextLong(END_SEC - FROM_SEC - 30 * DAY);
            BigDecimal customerMrr = subscription(h, rnd, c, 0, start, 6 + rnd.nextInt(16));
            if (rnd.nextInt(100) < 15) { // an add-on subscription
                long addOnStart = start + (30 + rnd.nextInt(400)) * DAY + rnd.nextLong(DAY);
                if (addOnStart < END_SEC - DAY) {
                    customerMrr = customerMrr.add(subscription(h, rnd, c, 1, addOnStart, 2 + rnd.nextInt(5)));
                }
            }
            if (customerMrr.signum() > 0) {
                h.expectedPayingEnd++;
            }
            h.expectedMrrEnd = h.expectedMrrEnd.add(customerMrr);
        }
        h.sortChronologically();
        return h;
    }

    /** Draws one subscription's events; returns its MRR at the end of the history. */
    private static BigDecimal subscription(History h, SplittableRandom rnd, int c, int subIndex, long start, int target) {
        SubState s = new SubState();
        int e = h.add(start, c, subIndex, STARTED);
        s.plan = drawPlan(rnd);
        s.quantity = rnd.nextInt(100) < 60 ? 1 : 1 + rnd.nextInt(rnd.nextInt(100) < 80 ? 10 : 50);
        h.plan[e] = (byte) s.plan;
        h.quantity[e] = (short) s.quantity;
        if (rnd.nextInt(100) < 20) {
            h.trialDays[e] = 14;
            s.trialEnd = start + 14 * DAY;
        }
        double meanGap = (double) (END_SEC - start) / target;
        long t = start;
        for (int left = target - 1; left > 0; left--) {
            t += Math.max(3600, (long) (-Math.log(1 - rnd.nextDouble()) * meanGap));
            if (t >= END_SEC) {
                break;
            }
            if (s.trialEnd != 0 && s.trialEnd <= t) {
                s.trialEnd = 0;
            }
            if (s.cancelled) {
                if (rnd.nextInt(100) >= 55) {
                    break; // stays churned
                }
                e = h.add(t, c, subIndex, REACTIVATED);
                s.cancelled = false;
                s.paused = false;
                s.trialEnd = 0;
                if (rnd.nextInt(100) < 30) {
                    s.plan = otherPlan(rnd, s.plan);
                    h.plan[e] = (byte) s.plan;
                }
                continue;
            }
            if (s.paused) {
                if (rnd.nextInt(100) < 75) {
                    h.add(t, c, subIndex, RESUMED);
                    s.paused = false;
                } else {
                    h.add(t, c, subIndex, CANCELLED);
                    s.cancelled = true;
                    s.paused = false;
                    s.trialEnd = 0;
                }
                continue;
            }
            int r = rnd.nextInt(100);
            if (r < 24) {
                e = h.add(t, c, subIndex, PLAN_CHANGED);
                s.plan = otherPlan(rnd, s.plan);
                h.plan[e] = (byte) s.plan;
            } else if (r < 58) {
                e = h.add(t, c, subIndex, QUANTITY_CHANGED);
                int q = s.quantity == 1 || rnd.nextInt(100) < 55
                        ? s.quantity + 1 + rnd.nextInt(5)
                        : s.quantity - 1 - rnd.nextInt(Math.min(5, s.quantity - 1));
                s.quantity = q;
                h.quantity[e] = (short) q;
            } else if (r < 80) {
                if (s.discountPercent == 0 && s.discountAmount == 0) {
                    e = h.add(t, c, subIndex, DISCOUNT_APPLIED);
                    if (rnd.nextBoolean()) {
                        s.discountPercent = DISCOUNT_PERCENTS[rnd.nextInt(DISCOUNT_PERCENTS.length)];
                        h.discountPercent[e] = (byte) s.discountPercent;
                    } else {
                        s.discountAmount = DISCOUNT_AMOUNTS[rnd.nextInt(DISCOUNT_AMOUNTS.length)];
                        h.discountAmount[e] = (byte) s.discountAmount;
                    }
                } else {
                    h.add(t, c, subIndex, DISCOUNT_REMOVED);
                    s.discountPercent = 0;
                    s.discountAmount = 0;
                }
            } else if (r < 88) {
                h.add(t, c, subIndex, PAUSED);
                s.paused = true;
            } else {
                h.add(t, c, subIndex, CANCELLED);
                s.cancelled = true;
                s.trialEnd = 0;
            }
        }
        BigDecimal mrr = s.mrrAtEnd();
        if (mrr.signum() > 0) {
            h.expectedPlanMrr[s.plan] = h.expectedPlanMrr[s.plan].add(mrr);
        }
        return mrr;
    }

    private static int drawPlan(SplittableRandom rnd) {
        int r = rnd.nextInt(PLAN_WEIGHT_TOTAL);
        for (int i = 0; i < PLANS.size(); i++) {
            r -= PLANS.get(i).weight();
            if (r < 0) {
                return i;
            }
        }
        return 0;
    }

    private static int otherPlan(SplittableRandom rnd, int current) {
        int p;
        do {
            p = drawPlan(rnd);
        } while (p == current);
        return p;
    }

    static String customerId(int c) {
        return "c" + c;
    }

    // ---- options ---------------------------------------------------------------------------------

    record Options(int customers, int batch, int senders, boolean skip2x, int warmupCustomers, int warmup, double warmupSeconds,
            int iterations, long seed, boolean generateOnly, boolean profile, Path moduleDir, List<String> serviceJvmArgs, Map<String, String> pgSettings,
            boolean analyzeAfterWarmup) {

        static Options parse(String[] args) {
            int customers = Integer.getInteger("benchmark.customers", 100_000);
            int batch = Integer.getInteger("benchmark.batch", 5000);
            int senders = Integer.getInteger("benchmark.senders", 2);
            boolean skip2x = Boolean.getBoolean("benchmark.skip2x");
            int warmupCustomers = Integer.getInteger("benchmark.warmupCustomers", 20_000);
            int warmup = Integer.getInteger("benchmark.warmup", 500);
            double warmupSeconds = Double.parseDouble(System.getProperty("benchmark.warmupSeconds", "20"));
            int iterations = Integer.getInteger("benchmark.iterations", 200);
            long seed = Long.getLong("benchmark.seed", 42);
            boolean generateOnly = Boolean.getBoolean("benchmark.generateOnly");
            boolean profile = Boolean.getBoolean("benchmark.profile");
            boolean analyzeAfterWarmup = false;
            Map<String, String> pgSettings = new LinkedHashMap<>();
            List<String> list = new ArrayList<>();
            for (String a : args) {
                if (a != null && !a.isBlank()) {
                    list.addAll(Arrays.asList(a.trim().split("\\s+")));
                }
            }
            for (int i = 0; i < list.size(); i++) {
                String a = list.get(i);
                switch (a) {
                    case "--customers" -> customers = Integer.parseInt(value(list, ++i, a));
                    case "--batch" -> batch = Integer.parseInt(value(list, ++i, a));
                    case "--senders" -> senders = Integer.parseInt(value(list, ++i, a));
                    case "--skip-2x" -> skip2x = true;
                    case "--warmup-customers" -> warmupCustomers = Integer.parseInt(value(list, ++i, a));
                    case "--warmup" -> warmup = Integer.parseInt(value(list, ++i, a));
                    case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(value(list, ++i, a));
                    case "--iterations" -> iterations = Integer.parseInt(value(list, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(list, ++i, a));
                    case "--generate-only" -> generateOnly = true;
                    case "--profile" -> profile = true;
                    case "--analyze-after-warmup" -> analyzeAfterWarmup = true;
                    case "--pg" -> {
                        String setting = value(list, ++i, a);
                        int eq = setting.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--pg takes name=value, got " + setting);
                        }
                        pgSettings.put(setting.substring(0, eq), setting.substring(eq + 1));
                    }
                    case "--help", "-h" -> {
                        System.out.println("options: --customers N (100000) --batch N (5000) --senders N (2) --skip-2x --warmup-customers N (20000) --warmup N (500) --warmup-seconds S (20)"
                                + " --iterations N (200) --seed N (42) --generate-only --profile --pg name=value (a PostgreSQL setting, repeatable)"
                                + " --analyze-after-warmup");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (customers < 1 || batch < 1 || senders < 1 || iterations < 1 || warmup < 0 || warmupCustomers < 0) {
                throw new IllegalArgumentException("--customers, --batch, --senders and --iterations must be positive,"
                        + " --warmup and --warmup-customers not negative");
            }
            String dir = System.getProperty("benchmark.moduleDir");
            Path moduleDir;
            if (dir != null && !dir.isBlank()) {
                moduleDir = Path.of(dir).toAbsolutePath();
            } else {
                Path cwd = Path.of("").toAbsolutePath();
                moduleDir = Files.isDirectory(cwd.resolve("src/main/java/org/openkpi/revenue")) ? cwd
                        : cwd.resolve("revenue-service");
            }
            String jvm = System.getProperty("benchmark.serviceJvmArgs", IMAGE_JVM_ARGS);
            List<String> jvmArgs = jvm.isBlank() ? List.of() : Arrays.asList(jvm.trim().split("\\s+"));
            return new Options(customers, batch, senders, skip2x, warmupCustomers, warmup, warmupSeconds, iterations, seed, generateOnly, profile, moduleDir,
                    jvmArgs, pgSettings, analyzeAfterWarmup);
        }

        private static String value(List<String> list, int i, String option) {
            if (i >= list.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return list.get(i);
        }
    }

    // ---- the run ---------------------------------------------------------------------------------

    record Ingestion(long events, double seconds, double[] batchSeconds, long customersBefore) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    record Latencies(double p50, double p95, double max, double mean) {
        static Latencies of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Latencies(percentile(s, 50), percentile(s, 95), s[s.length - 1], Arrays.stream(s).average().orElse(0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (mean %.2f ms)", p50, p95, max, mean);
        }
    }

    record ReadFigures(Latencies series, Latencies planMix, Map<String, Long> tableRows) {
    }

    private final Options options;
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path serviceLog;
    private final Path postgresLog;
    private EmbeddedPostgres postgres;
    private String jdbcUrl;
    private Process service;
    private Path appCopy;
    private URI graphql;
    private String token;
    private boolean stopped;

    RevenueBenchmark(Options options) {
        this.options = options;
        this.serviceLog = options.moduleDir().resolve("target/benchmark-service.log");
        this.postgresLog = options.moduleDir().resolve("target/benchmark-postgres.log");
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.generateOnly()) {
            long t0 = System.nanoTime();
            History h = generate(1, options.customers(), 1, options.seed());
            printHistory("generated", h, (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "  a batch of %d events touches %.0f distinct customers on average%n", options.batch(),
                    h.customersPerBatch(options.batch()));
            return;
        }
        RevenueBenchmark bench = new RevenueBenchmark(options);
        Thread hook = new Thread(bench::stop, "benchmark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            bench.run();
        } catch (Throwable e) {
            System.err.println();
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        System.exit(exit);
    }

    void run() throws Exception {
        long runStart = System.nanoTime();
        Path jar = options.moduleDir().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it first: ./mvnw -pl revenue-service -DskipTests package");
        }
        System.out.printf(Locale.ROOT, "revenue-service benchmark: %d customers, batches of %d events, %s%n",
                options.customers(), options.batch(), options.skip2x() ? "1x only" : "1x and 2x history");
        System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        // generate first: the client's own work never overlaps a timed phase
        long t0 = System.nanoTime();
        History first = generate(1, options.customers(), 1, options.seed());
        printHistory("history 1x", first, (System.nanoTime() - t0) / 1e9);

        startPostgres();
        KeyPair keys = generateKeys();
        startService(jar, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));

        Ingestion warm = null;
        if (options.warmupCustomers() > 0) {
            // a fresh JVM spends a core on JIT compilation for its first minute of ingestion (about 37 s of compiler
            // threads during a cold 1x run): another tenant's history is ingested first, so the figures are the
            // service's steady state, as the reads' are after their warm-up
            t0 = System.nanoTime();
            History w = generate(1, options.warmupCustomers(), 1, options.seed() + 104_729);
            printHistory("warm-up history (tenant " + WARMUP_TENANT + ", not measured)", w, (System.nanoTime() - t0) / 1e9);
            token = token(keys, WARMUP_TENANT);
            recordPlans();
            warm = ingest("warm-up", w, false);
            if (options.analyzeAfterWarmup()) {
                analyzeDatabase();
            }
        }
        token = token(keys, TENANT);
        recordPlans();
        Ingestion ingest1 = ingest("1x", first, options.profile());
        ReadFigures reads1 = measureReads("1x", first, null);

        Ingestion ingest2 = null;
        ReadFigures reads2 = null;
        History second = null;
        if (!options.skip2x()) {
            t0 = System.nanoTime();
            second = generate(options.customers() + 1, options.customers(), first.firstEventId + first.size,
                    options.seed() + 7919);
            printHistory("history 2x (second tenant half: customers " + second.firstCustomer + ".." + second.lastCustomer()
                    + ", same 3 years)", second, (System.nanoTime() - t0) / 1e9);
            ingest2 = ingest("2x", second, options.profile());
            reads2 = measureReads("2x", first, second);
        }
        summary(warm, first, ingest1, reads1, second, ingest2, reads2, (System.nanoTime() - runStart) / 1e9);
        scanServiceLog();
    }

    static void printHistory(String label, History h, double seconds) {
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < TYPE_NAMES.length; i++) {
            types.append(i == 0 ? "" : ", ").append(TYPE_NAMES[i]).append(' ').append(h.typeCounts[i]);
        }
        System.out.printf(Locale.ROOT, "%s: %d customers (c%d..c%d), %d events (%.2f per customer), generated in %.1f s%n",
                label, h.customers, h.firstCustomer, h.lastCustomer(), h.size, (double) h.size / h.customers, seconds);
        System.out.println("  event mix: " + types);
        System.out.printf(Locale.ROOT, "  expected at end of 2025 (computed by the generator): MRR %s USD, %d paying customers%n",
                h.expectedMrrEnd.toPlainString(), h.expectedPayingEnd);
    }

    // ---- infrastructure --------------------------------------------------------------------------

    /**
     * {@code ANALYZE} of the whole database, so that the measured tenant is ingested with statistics that predate it
     * (taken when only the warm-up tenant's rows were there), as a new tenant meets an established installation.
     */
    private void analyzeDatabase() throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "ANALYZE after the warm-up tenant (--analyze-after-warmup): %.1f s; the measured tenant"
                + " is not in the statistics until autovacuum analyzes again%n", (System.nanoTime() - t0) / 1e9);
    }

    private void startPostgres() throws IOException, SQLException {
        Files.createDirectories(postgresLog.getParent());
        Files.deleteIfExists(postgresLog);
        // appended to, not truncated: pg_ctl's stop writes to the same file while the server's output is still open on it
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(postgresLog.toFile());
        long t0 = System.nanoTime();
        synchronized (this) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog);
            if (options.profile()) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                builder.setServerConfig("pg_stat_statements.track", "all");
            }
            options.pgSettings().forEach(builder::setServerConfig);
            postgres = builder.start();
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        if (options.profile()) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
            }
        }
        StringBuilder settings = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name IN"
                     + " ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'work_mem', 'max_wal_size')"
                     + " ORDER BY name")) {
            while (rs.next()) {
                settings.append(' ').append(rs.getString(1)).append('=').append(rs.getString(2)).append(rs.getString(3));
            }
        }
        System.out.printf(Locale.ROOT, "PostgreSQL (zonky embedded) on port %d, started in %.1f s;%s%n", postgres.getPort(),
                (System.nanoTime() - t0) / 1e9, settings);
    }

    private void startService(Path jar, String publicKey) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // a private copy: a rebuild of target/quarkus-app during the run would otherwise break the running service
        synchronized (this) {
            appCopy = Files.createTempDirectory("revenue-benchmark-app");
        }
        copyTree(jar.getParent(), appCopy);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.serviceJvmArgs());
        if (options.profile()) {
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            // without it, samples taken between safepoints are charged to the nearest frame with debug information, often
            // a caller or a callee of the method that ran (a profile showed HashMap.getTreeNode where no bin was a tree)
            command.add("-XX:+UnlockDiagnosticVMOptions");
            command.add("-XX:+DebugNonSafepoints");
        }
        command.add("-jar");
        command.add(appCopy.resolve("quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.moduleDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(serviceLog.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
        env.put("KPI_OIDC_ISSUER", ISSUER);
        env.put("KPI_OIDC_AUDIENCE", AUDIENCE);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long t0 = System.nanoTime();
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("stopped");
            }
            service = builder.start();
        }
        graphql = URI.create("http://localhost:" + port + "/graphql");
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with code " + service.exitValue() + " before it was ready;"
                        + " see " + serviceLog);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service was not ready after 120 s; see " + serviceLog);
            }
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "revenue-service (pid %d, run from a copy of %s in %s) ready on :%d after %.1f s; log %s%n",
                service.pid(), jar.getParent(), appCopy, port, (System.nanoTime() - t0) / 1e9, serviceLog);
        System.out.println("  service JVM options: " + (options.serviceJvmArgs().isEmpty() ? "none (the JVM's defaults)"
                : String.join(" ", options.serviceJvmArgs()) + (options.serviceJvmArgs().equals(List.of(IMAGE_JVM_ARGS.split(" ")))
                        ? " (its container image's, in 2 GiB)" : "")));
    }

    /** Stops the service (SIGTERM, then kill) and PostgreSQL. Idempotent; also runs on Ctrl-C. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (service != null && service.isAlive()) {
            System.out.println("Stopping revenue-service (pid " + service.pid() + ")");
            service.destroy();
            try {
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    System.out.println("revenue-service did not stop within 30 s; killing it");
                    service.destroyForcibly();
                    service.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                service.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            System.out.println("Stopping PostgreSQL");
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("warning: could not stop PostgreSQL cleanly: " + e.getMessage());
            }
            postgres = null;
        }
        if (appCopy != null) {
            try {
                deleteTree(appCopy);
            } catch (IOException e) {
                System.err.println("warning: could not delete " + appCopy + ": " + e.getMessage());
            }
            appCopy = null;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String token(KeyPair keys, String tenant) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("benchmark-user").claim("tenant_id", tenant)
                .groups(java.util.Set.of("kpi-viewer", "kpi-writer", "kpi-admin")) // ingests, reads and sets the tenant's settings
                .expiresIn(Duration.ofHours(24)).sign(keys.getPrivate());
    }

    private static KeyPair generateKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    // ---- GraphQL over HTTP -----------------------------------------------------------------------

    private JsonNode post(String body) throws IOException, InterruptedException {
        return post(body, Duration.ofSeconds(60));
    }

    private JsonNode post(String body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(graphql)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
        }
        JsonNode node = json.readTree(response.body());
        JsonNode errors = node.get("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new IllegalStateException("GraphQL errors: " + abbreviate(errors.toString()));
        }
        return node.get("data");
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    private static String queryBody(String query) {
        StringBuilder b = new StringBuilder(query.length() + 16).append("{\"query\":");
        quote(b, query);
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    private void checkIngest(JsonNode data, String field, int expectedAccepted, String what) {
        JsonNode r = data.get(field);
        int accepted = r.get("accepted").asInt();
        int unchanged = r.get("unchanged").asInt();
        int replaced = r.get("replaced").asInt();
        if (accepted != expectedAccepted || unchanged != 0 || replaced != 0) {
            throw new IllegalStateException(what + ": expected " + expectedAccepted + " accepted, got accepted " + accepted
                    + ", unchanged " + unchanged + ", replaced " + replaced);
        }
    }

    private void recordPlans() throws Exception {
        StringBuilder b = new StringBuilder("{\"query\":");
        quote(b, PLANS_MUTATION);
        b.append(",\"variables\":{\"p\":[");
        for (int i = 0; i < PLANS.size(); i++) {
            PlanDef p = PLANS.get(i);
            b.append(i == 0 ? "" : ",").append("{\"code\":\"").append(p.code()).append("\",\"name\":\"").append(p.name())
                    .append("\",\"price\":\"").append(p.price()).append("\",\"currency\":\"USD\",\"intervalMonths\":")
                    .append(p.interval()).append(",\"tier\":\"").append(p.code(), 0, p.code().indexOf('-')).append("\"}");
        }
        b.append("]}}");
        checkIngest(post(b.toString()), "recordPlans", PLANS.size(), "recordPlans");
        System.out.println("Recorded " + PLANS.size() + " plans (USD; monthly, quarterly, yearly)");
    }

    private void recordCustomers(History h) throws Exception {
        long t0 = System.nanoTime();
        int batchSize = options.batch();
        for (int from = h.firstCustomer; from <= h.lastCustomer(); from += batchSize) {
            int to = (int) Math.min(h.lastCustomer(), from + batchSize - 1L);
            StringBuilder b = new StringBuilder(128 * (to - from + 1)).append("{\"query\":");
            quote(b, CUSTOMERS_MUTATION);
            b.append(",\"variables\":{\"c\":[");
            for (int c = from; c <= to; c++) {
                SplittableRandom rnd = new SplittableRandom(c * 31L + 17);
                b.append(c == from ? "" : ",").append("{\"externalId\":\"").append(customerId(c))
                        .append("\",\"name\":\"Customer ").append(c)
                        .append("\",\"country\":\"").append(COUNTRIES[rnd.nextInt(COUNTRIES.length)])
                        .append("\",\"segment\":\"").append(SEGMENTS[rnd.nextInt(SEGMENTS.length)])
                        .append("\",\"channel\":\"").append(CHANNELS[rnd.nextInt(CHANNELS.length)]).append("\"}");
            }
            b.append("]}}");
            checkIngest(post(b.toString()), "recordCustomers", to - from + 1, "recordCustomers " + from + ".." + to);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Recorded %d customers in %.1f s (%.0f customers/s)%n", h.customers, s, h.customers / s);
    }

    /** The mutation for the events at chronological positions {@code positions[from..to)}. */
    private String eventsBody(History h, int[] positions, int from, int to) {
        StringBuilder b = new StringBuilder(230 * (to - from)).append("{\"query\":");
        quote(b, EVENTS_MUTATION);
        b.append(",\"variables\":{\"e\":[");
        for (int p = from; p < to; p++) {
            int k = positions[p];
            int i = h.order[k];
            int c = h.customer[i];
            b.append(p == from ? "{" : ",{")
                    .append("\"externalId\":\"ev").append(h.firstEventId + i)
                    .append("\",\"customerId\":\"").append(customerId(c))
                    .append("\",\"subscriptionId\":\"s").append(c).append('-').append(h.sub[i])
                    .append("\",\"type\":\"").append(TYPE_NAMES[h.type[i]])
                    .append("\",\"effectiveAt\":\"").append(Instant.ofEpochSecond(h.at[i])).append('"');
            if (h.plan[i] >= 0) {
                b.append(",\"planCode\":\"").append(PLANS.get(h.plan[i]).code()).append('"');
            }
            if (h.quantity[i] > 0) {
                b.append(",\"quantity\":").append(h.quantity[i]);
            }
            if (h.trialDays[i] > 0) {
                b.append(",\"trialEndsAt\":\"").append(Instant.ofEpochSecond(h.at[i] + h.trialDays[i] * DAY)).append('"');
            }
            if (h.discountPercent[i] > 0) {
                b.append(",\"discountPercent\":\"").append(h.discountPercent[i]).append('"');
            }
            if (h.discountAmount[i] > 0) {
                b.append(",\"discountAmount\":\"").append(h.discountAmount[i]).append(".00\"");
            }
            b.append('}');
        }
        return b.append("]}}").toString();
    }

    /** One mutation: the events at {@code positions[from..to)} of one sender's stream. */
    private record EventBatch(int number, int[] positions, int from, int to) {
        int size() {
            return to - from;
        }
    }

    /**
     * The event batches of each sender. With one sender, consecutive runs of the chronological order. With several,
     * each customer belongs to one sender (customer number modulo senders) and each sender's events stay in
     * chronological order, so every customer's events arrive in order and the result is the same as with one sender.
     */
    private List<List<EventBatch>> eventBatches(History h, int batchSize, int senders) {
        int[][] streams = new int[senders][];
        int[] sizes = new int[senders];
        for (int k = 0; k < h.size; k++) {
            sizes[h.customer[h.order[k]] % senders]++;
        }
        for (int s = 0; s < senders; s++) {
            streams[s] = new int[sizes[s]];
            sizes[s] = 0;
        }
        for (int k = 0; k < h.size; k++) {
            int s = h.customer[h.order[k]] % senders;
            streams[s][sizes[s]++] = k;
        }
        List<List<EventBatch>> out = new ArrayList<>();
        int number = 0;
        for (int s = 0; s < senders; s++) {
            List<EventBatch> batches = new ArrayList<>();
            for (int from = 0; from < streams[s].length; from += batchSize) {
                batches.add(new EventBatch(number++, streams[s], from, Math.min(streams[s].length, from + batchSize)));
            }
            out.add(batches);
        }
        return out;
    }

    private Ingestion ingest(String label, History h, boolean profile) throws Exception {
        long customersBefore = h.firstCustomer - 1L;
        recordCustomers(h);
        int batchSize = options.batch();
        int senders = options.senders();
        List<List<EventBatch>> perSender = eventBatches(h, batchSize, senders);
        int batches = perSender.stream().mapToInt(List::size).sum();
        double[] batchSeconds = new double[batches];
        double[] buildSeconds = new double[batches];
        // first: jcmd starts a JVM of its own, which the CPU figures below must not count
        Map<String, Long> allocatedBefore = allocatedByThread();
        double[] cacheBefore = customerCacheLookups();
        CpuSnapshot cpuBefore = cpu();
        PgWrites pgBefore = pgWrites();
        System.out.printf(Locale.ROOT, "Ingesting %d events (%s) in %d batches of up to %d, %s, chronological order;"
                + " a batch touches %.0f distinct customers on average%n", h.size, label, batches, batchSize,
                senders == 1 ? "one sender" : senders + " concurrent senders, each customer's events with one of them",
                h.customersPerBatch(batchSize));
        PgSampler sampler = profile ? new PgSampler(jdbcUrl) : null;
        if (sampler != null) {
            jcmd("JFR.start", "name=bench", "settings=profile");
        }
        Instant wallStart = Instant.now();
        if (sampler != null) {
            sampler.resetStatements();
            sampler.start();
        }
        List<String> slow = new ArrayList<>();
        Progress progress = new Progress(h, batches, batchSeconds, slow);
        long t0 = System.nanoTime();
        progress.t0 = t0;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (List<EventBatch> stream : perSender) {
                running.add(pool.submit(() -> {
                    for (EventBatch batch : stream) {
                        long b0 = System.nanoTime();
                        String body = eventsBody(h, batch.positions(), batch.from(), batch.to());
                        long b1 = System.nanoTime();
                        JsonNode data = post(body, Duration.ofMinutes(10));
                        long b2 = System.nanoTime();
                        checkIngest(data, "recordSubscriptionEvents", batch.size(), "event batch " + batch.number());
                        buildSeconds[batch.number()] = (b1 - b0) / 1e9;
                        batchSeconds[batch.number()] = (b2 - b1) / 1e9;
                        progress.done(batch);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    running.forEach(other -> other.cancel(true));
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Instant wallEnd = Instant.now();
        if (sampler != null) {
            sampler.finish();
        }
        CpuSnapshot cpuAfter = cpu();
        PgWrites pgAfter = pgWrites();
        Map<String, Long> allocatedAfter = allocatedByThread();
        double[] cacheAfter = customerCacheLookups();
        System.out.printf(Locale.ROOT, "Ingestion %s: %d events in %.1f s = %.0f events/s"
                + " (client JSON building %.1f s of that; batch round trip median %.2f s, p95 %.2f s, max %.2f s)%n",
                label, h.size, seconds, h.size / seconds, Arrays.stream(buildSeconds).sum(), median(batchSeconds),
                percentile(sorted(batchSeconds), 95), Arrays.stream(batchSeconds).max().orElse(0));
        double serviceCpu = cpuAfter.service - cpuBefore.service;
        double pgCpu = cpuAfter.postgres - cpuBefore.postgres;
        double clientCpu = cpuAfter.client - cpuBefore.client;
        double machineCpu = cpuAfter.machine - cpuBefore.machine;
        System.out.printf(Locale.ROOT, "  CPU during event ingestion (%.0f s wall x %d cores = %.0f core-s): revenue-service %.0f s"
                + " (JIT compiler %.1f s, GC %.1f s, event loops %.1f s), PostgreSQL %.0f s, benchmark client %.0f s, other processes on the machine %.0f s%n",
                seconds, Runtime.getRuntime().availableProcessors(), seconds * Runtime.getRuntime().availableProcessors(),
                serviceCpu, cpuAfter.serviceJit - cpuBefore.serviceJit, cpuAfter.serviceGc - cpuBefore.serviceGc,
                cpuAfter.serviceEventLoop - cpuBefore.serviceEventLoop, pgCpu, clientCpu,
                Math.max(0, machineCpu - serviceCpu - pgCpu - clientCpu));
        if (pgBefore != null && pgAfter != null) {
            long walBytes = pgAfter.walBytes - pgBefore.walBytes;
            System.out.printf(Locale.ROOT, "  PostgreSQL during event ingestion: WAL %.0f MB (%.0f bytes per event, %d full-page images),"
                    + " %d checkpoints; client backends read %d and wrote %d pages outside shared_buffers;"
                    + " customer rows updated %d times (replay states), %d of them heap-only (HOT, no index entry)%n",
                    walBytes / 1048576.0, (double) walBytes / h.size, pgAfter.fullPageImages - pgBefore.fullPageImages,
                    pgAfter.checkpoints - pgBefore.checkpoints, pgAfter.backendReads - pgBefore.backendReads,
                    pgAfter.backendWrites - pgBefore.backendWrites, pgAfter.customerUpdates - pgBefore.customerUpdates,
                    pgAfter.customerHotUpdates - pgBefore.customerHotUpdates);
        }
        printAllocation(allocatedBefore, allocatedAfter, h.size);
        if (cacheBefore != null && cacheAfter != null) {
            double hits = cacheAfter[0] - cacheBefore[0];
            double misses = cacheAfter[1] - cacheBefore[1];
            System.out.printf(Locale.ROOT, "  customer cache during event ingestion: %.0f customers of batches found in it, %.0f read from"
                    + " the database (%.1f%% hits)%n", hits, misses, hits + misses == 0 ? 0 : 100 * hits / (hits + misses));
        }
        if (sampler != null) {
            sampler.print();
            sampler.printStatements(h.size);
            profileService(label, wallStart, wallEnd);
        }
        if (!slow.isEmpty()) {
            System.out.println("  slow batches (> 3x the median so far):");
            slow.forEach(s -> System.out.println("    " + s));
        }
        return new Ingestion(h.size, seconds, batchSeconds, customersBefore);
    }

    /** Progress lines (about every tenth of the batches) and slow batches, as batches complete. */
    private static final class Progress {
        private final History h;
        private final int batches;
        private final double[] batchSeconds;
        private final List<String> slow;
        private final int reportEvery;
        private final List<Double> window = new ArrayList<>();
        private final List<Double> finished = new ArrayList<>();
        private int done;
        private long events;
        long t0;

        Progress(History h, int batches, double[] batchSeconds, List<String> slow) {
            this.h = h;
            this.batches = batches;
            this.batchSeconds = batchSeconds;
            this.slow = slow;
            this.reportEvery = Math.max(1, batches / 10);
        }

        synchronized void done(EventBatch batch) {
            double took = batchSeconds[batch.number()];
            if (finished.size() >= 10) {
                double median = median(finished.stream().mapToDouble(Double::doubleValue).toArray());
                if (took > 3 * median && slow.size() < 20) {
                    slow.add(String.format(Locale.ROOT, "batch %d (%s .. %s): %.2f s, median so far %.2f s", batch.number(),
                            Instant.ofEpochSecond(h.at[h.order[batch.positions()[batch.from()]]]),
                            Instant.ofEpochSecond(h.at[h.order[batch.positions()[batch.to() - 1]]]), took, median));
                }
            }
            finished.add(took);
            window.add(took);
            done++;
            events += batch.size();
            if (done % reportEvery == 0 || done == batches) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double[] w = window.stream().mapToDouble(Double::doubleValue).toArray();
                System.out.printf(Locale.ROOT,
                        "  %7d / %d events (%3.0f%%, history up to %s): %6.1f s, %6.0f events/s overall;"
                                + " last %d batches: median %.2f s, max %.2f s%n",
                        events, h.size, 100.0 * events / h.size, LocalDate.ofInstant(
                                Instant.ofEpochSecond(h.at[h.order[batch.positions()[batch.to() - 1]]]), ZoneOffset.UTC),
                        elapsed, events / elapsed, w.length, median(w), Arrays.stream(w).max().orElse(0));
                window.clear();
            }
        }
    }

    /**
     * {@code serviceJit}, {@code serviceGc} and {@code serviceEventLoop}: the part of {@code service} used by its JIT
     * compiler threads, its garbage collector's threads and its Vert.x event loops (HTTP, and the GraphQL request
     * parsing, validation and variable coercion that SmallRye runs there).
     */
    record CpuSnapshot(double service, double serviceJit, double serviceGc, double serviceEventLoop, double postgres, double client,
            double machine) {
    }

    /**
     * CPU seconds of the service's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"), garbage collector
     * threads ("GC Thread#", "G1 ...") and Vert.x event loops ("vert.x-eventloo"), by thread name from /proc/PID/task;
     * NaN where /proc is unavailable. A thread that has ended is no longer counted; these threads live as long as the
     * service, except dynamically added compiler threads, so the JIT figure is a lower bound.
     */
    private static double[] threadGroupSeconds(long pid) {
        double[] seconds = new double[3];
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    int group = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? 0
                            : name.startsWith("GC Thread") || name.startsWith("G1 ") ? 1
                            : name.startsWith("vert.x-eventloo") ? 2 : -1;
                    if (group < 0) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // the fields after the parenthesised name start with the state (field 3); utime is 14, stime 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    seconds[group] += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return seconds;
    }

    private static final Pattern THREAD_ALLOCATED =
            Pattern.compile("^\"(.*)\" #\\d+ .* allocated=(\\d+)([BKMGT]) .* nid=(\\S+) ");

    /**
     * Bytes allocated so far by each of the service's live threads (key: name and native id), from
     * {@code jcmd Thread.print -e}; empty if that fails. HotSpot rounds each figure down to its unit (up to 1 MB per
     * thread once it is past 32 MB), which is negligible against a run's gigabytes.
     */
    private Map<String, Long> allocatedByThread() {
        Map<String, Long> out = new HashMap<>();
        try {
            for (String line : jcmd("Thread.print", "-e").split("\n")) {
                Matcher m = THREAD_ALLOCATED.matcher(line);
                if (m.find()) {
                    long unit = switch (m.group(3)) {
                        case "K" -> 1L << 10;
                        case "M" -> 1L << 20;
                        case "G" -> 1L << 30;
                        case "T" -> 1L << 40;
                        default -> 1L;
                    };
                    out.put(m.group(1) + " " + m.group(4), Long.parseLong(m.group(2)) * unit);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return out;
    }

    /**
     * Prints what the service allocated during the ingestion, per event, split into its Vert.x event loops (the HTTP
     * body, JSON-P, the variables' coercion and binding) and its worker threads (the mutation). Threads that ended
     * during the ingestion are missing; threads started during it count from zero.
     */
    private static void printAllocation(Map<String, Long> before, Map<String, Long> after, long events) {
        if (before.isEmpty() || after.isEmpty()) {
            System.out.println("  (the service's allocation per thread is unavailable: jcmd Thread.print -e failed)");
            return;
        }
        long eventLoops = 0;
        long workers = 0;
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            total += delta;
            if (e.getKey().startsWith("vert.x-eventloop")) {
                eventLoops += delta;
            } else if (e.getKey().startsWith("executor-thread")) {
                workers += delta;
            }
        }
        double kbPerEvent = 1024.0 * events; // bytes / kbPerEvent = KB per event
        System.out.printf(Locale.ROOT, "  service allocation during event ingestion: %.1f KB per event (event loops %.1f KB,"
                + " worker threads %.1f KB, other threads %.1f KB; %.1f GB in all)%n", total / kbPerEvent,
                eventLoops / kbPerEvent, workers / kbPerEvent, (total - eventLoops - workers) / kbPerEvent,
                total / (double) (1L << 30));
    }

    /** Busy CPU seconds of the whole machine (all processes), from /proc/stat; NaN where unavailable. */
    private static double machineCpuSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds used so far by the service, PostgreSQL (postmaster and its live children) and this JVM. */
    private CpuSnapshot cpu() {
        double serviceCpu = cpuSeconds(service.toHandle());
        double pgCpu = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            Path pidFile = Path.of(rs.getString(1), "postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isPresent()) {
                pgCpu = cpuSeconds(postmaster.get()) + postmaster.get().descendants().mapToDouble(RevenueBenchmark::cpuSeconds).sum();
            }
        } catch (SQLException | IOException | RuntimeException e) {
            pgCpu = Double.NaN;
        }
        double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double[] threads = threadGroupSeconds(service.pid());
        return new CpuSnapshot(serviceCpu, threads[0], threads[1], threads[2], pgCpu, client, machineCpuSeconds());
    }

    /**
     * The service's customer cache counters ({@code kpi_customer_cache_lookups_total}, hits then misses) from /q/metrics, or
     * null when they cannot be read (a build without the cache).
     */
    private double[] customerCacheLookups() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(graphql.resolve("/q/metrics")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            double[] counts = new double[2];
            String[] results = {"hit", "miss"};
            for (int i = 0; i < results.length; i++) {
                Matcher m = Pattern.compile("(?m)^kpi_customer_cache_lookups_total\\{result=\"" + results[i] + "\"} ([0-9.eE+-]+)$")
                        .matcher(r.body());
                if (!m.find()) {
                    return null;
                }
                counts[i] = Double.parseDouble(m.group(1));
            }
            return counts;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Cumulative WAL, checkpoint and client-backend I/O counters of the server (PostgreSQL 17 views). */
    record PgWrites(long walBytes, long fullPageImages, long checkpoints, long backendReads, long backendWrites,
            long customerUpdates, long customerHotUpdates) {
    }

    /** The server's {@link PgWrites} counters now, or null if they cannot be read. */
    private PgWrites pgWrites() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT w.wal_bytes, w.wal_fpi, k.num_timed + k.num_requested,"
                     + " (SELECT coalesce(sum(reads), 0) FROM pg_stat_io WHERE backend_type = 'client backend'),"
                     + " (SELECT coalesce(sum(writes), 0) FROM pg_stat_io WHERE backend_type = 'client backend'),"
                     + " (SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'customer'),"
                     + " (SELECT coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables WHERE relname = 'customer')"
                     + " FROM pg_stat_wal w, pg_stat_checkpointer k")) {
            rs.next();
            return new PgWrites(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7));
        } catch (SQLException e) {
            System.out.println("  (PostgreSQL WAL and I/O counters unavailable: " + e.getMessage() + ")");
            return null;
        }
    }

    private static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private ReadFigures measureReads(String label, History first, History second) throws Exception {
        Map<String, Long> rows = tableRows();
        System.out.println("Tables after " + label + " ingestion: " + rows);
        String seriesBody = queryBody(MRR_SERIES);
        String mixBody = queryBody(PLAN_MIX);

        // correctness check against the generator's own figures, outside the timed loop
        JsonNode series = post(seriesBody).get("mrrSeries");
        JsonNode mix = post(mixBody).get("planMix");
        if (series.size() != 36) {
            throw new IllegalStateException("mrrSeries returned " + series.size() + " points, expected 36");
        }
        JsonNode last = series.get(35);
        BigDecimal mrrEnd = new BigDecimal(plain(last.get("mrrEnd").get("amount")));
        BigDecimal expected = first.expectedMrrEnd.add(second == null ? BigDecimal.ZERO : second.expectedMrrEnd);
        BigDecimal mixTotal = BigDecimal.ZERO;
        int planMismatches = 0;
        for (JsonNode e : mix) {
            BigDecimal planMrr = new BigDecimal(plain(e.get("mrr").get("amount")));
            mixTotal = mixTotal.add(planMrr);
            int p = 0;
            while (p < PLANS.size() && !PLANS.get(p).code().equals(e.get("planCode").asText())) {
                p++;
            }
            BigDecimal expectedPlan = p == PLANS.size() ? BigDecimal.ZERO
                    : first.expectedPlanMrr[p].add(second == null ? BigDecimal.ZERO : second.expectedPlanMrr[p]);
            if (planMrr.compareTo(expectedPlan) != 0) {
                planMismatches++;
                System.out.printf(Locale.ROOT, "  planMix %s: MRR %s, generator expects %s%n", e.get("planCode").asText(),
                        planMrr.toPlainString(), expectedPlan.toPlainString());
            }
        }
        System.out.printf(Locale.ROOT, "Check %s: mrrSeries has %d months; MRR at end of %s = %s (generator expects %s: %s);"
                + " planMix sums to %s over %d plans (%s)%n", label, series.size(), last.get("period").get("start").asText(),
                mrrEnd.toPlainString(), expected.toPlainString(), mrrEnd.compareTo(expected) == 0 ? "MATCH" : "MISMATCH",
                mixTotal.toPlainString(), mix.size(), (mixTotal.compareTo(mrrEnd) == 0 ? "equal to mrrEnd" : "DIFFERENT from mrrEnd")
                        + (planMismatches == 0 ? ", every plan MATCHES the generator" : ", " + planMismatches + " plan(s) MISMATCH"));
        System.out.printf(Locale.ROOT, "  e.g. 2023-01: mrrEnd %s, netNew %s, ARPA %s; 2025-12: mrrEnd %s, netNew %s, ARPA %s%n",
                plain(series.get(0).get("mrrEnd").get("amount")), plain(series.get(0).get("netNewMrr").get("amount")),
                plain(series.get(0).get("arpa").get("value")), mrrEnd.toPlainString(),
                plain(last.get("netNewMrr").get("amount")), plain(last.get("arpa").get("value")));

        System.out.printf(Locale.ROOT, "Reads %s (warm-up >= %d requests and >= %.0f s, then %d timed, per query; sequential;"
                + " client-side round trip):%n", label, options.warmup(), options.warmupSeconds(), options.iterations());
        String vacuumBefore = autovacuum();
        CpuSnapshot before = cpu();
        long r0 = System.nanoTime();
        Latencies s = time(seriesBody, "mrrSeries");
        Latencies m = time(mixBody, "planMix");
        double readSeconds = (System.nanoTime() - r0) / 1e9;
        CpuSnapshot after = cpu();
        System.out.printf(Locale.ROOT, "  (%.1f s; CPU meanwhile: revenue-service %.1f s, PostgreSQL %.1f s, other processes %.1f s;"
                + " autovacuum at start: %s, at end: %s)%n", readSeconds, after.service - before.service,
                after.postgres - before.postgres, Math.max(0, (after.machine - before.machine) - (after.service - before.service)
                        - (after.postgres - before.postgres) - (after.client - before.client)), vacuumBefore, autovacuum());
        System.out.println("  mrrSeries 36 months, MONTH: " + s);
        System.out.println("  planMix asOf 2025-12-31:    " + m);
        return new ReadFigures(s, m, rows);
    }

    private static String plain(JsonNode n) {
        return n == null || n.isNull() ? "null" : n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
    }

    /**
     * Warms up (at least {@code --warmup} requests and at least {@code --warmup-seconds}), then times
     * {@code --iterations} requests; prints how latency and the service's CPU per request settled.
     */
    private Latencies time(String body, String field) throws Exception {
        CpuSnapshot c0 = cpu();
        long w0 = System.nanoTime();
        long minWarmup = w0 + (long) (options.warmupSeconds() * 1e9);
        List<Double> warm = new ArrayList<>();
        while (warm.size() < options.warmup() || System.nanoTime() < minWarmup) {
            long t0 = System.nanoTime();
            post(body).get(field);
            warm.add((System.nanoTime() - t0) / 1e6);
        }
        double warmSeconds = (System.nanoTime() - w0) / 1e9;
        CpuSnapshot c1 = cpu();
        double[] ms = new double[options.iterations()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            JsonNode data = post(body);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (data.get(field) == null || data.get(field).isEmpty()) {
                throw new IllegalStateException(field + " returned nothing");
            }
        }
        CpuSnapshot c2 = cpu();
        int w = warm.size();
        int tenth = Math.max(1, w / 10);
        System.out.printf(Locale.ROOT, "  %s warm-up: %d requests in %.1f s, mean %.1f ms in the first tenth, %.1f ms in the last;"
                + " CPU per request: warm-up service %.1f ms + PostgreSQL %.1f ms, timed service %.1f ms + PostgreSQL %.1f ms%n",
                field, w, warmSeconds, warm.subList(0, tenth).stream().mapToDouble(Double::doubleValue).average().orElse(0),
                warm.subList(w - tenth, w).stream().mapToDouble(Double::doubleValue).average().orElse(0),
                (c1.service - c0.service) * 1000 / w, (c1.postgres - c0.postgres) * 1000 / w,
                (c2.service - c1.service) * 1000 / ms.length, (c2.postgres - c1.postgres) * 1000 / ms.length);
        return Latencies.of(ms);
    }

    /** What autovacuum is doing in the benchmark database right now. */
    private String autovacuum() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(string_agg(regexp_replace(query, '^autovacuum: ', ''), '; '), 'idle')"
                     + " FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private Map<String, Long> tableRows() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            Map<String, String> counted = new LinkedHashMap<>();
            for (String table : List.of("subscription_event", "mrr_movement", "mrr_component_movement", "mrr_daily",
                    "change_feed", "change_feed_retired")) {
                counted.put(table, table + " WHERE tenant_id = '" + TENANT + "'");
            }
            counted.put("customers with a replay state", "customer WHERE tenant_id = '" + TENANT + "' AND replay_state IS NOT NULL");
            for (Map.Entry<String, String> count : counted.entrySet()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + count.getValue())) {
                    rs.next();
                    rows.put(count.getKey(), rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database()) / (1024 * 1024)")) {
                rs.next();
                rows.put(options.warmupCustomers() > 0 ? "database MB (with the warm-up tenant)" : "database MB", rs.getLong(1));
            }
        }
        return rows;
    }

    private void summary(Ingestion warm, History first, Ingestion i1, ReadFigures r1, History second, Ingestion i2, ReadFigures r2,
            double totalSeconds) {
        System.out.println();
        System.out.println("==================== revenue-service benchmark summary ====================");
        System.out.printf(Locale.ROOT, "Tenant 1x: %d customers, %d subscription events, %s .. %s (3 years), 8 USD plans%n",
                first.customers, first.size, HISTORY_FROM, HISTORY_TO.minusDays(1));
        if (second != null) {
            System.out.printf(Locale.ROOT, "Tenant 2x: + %d more customers of the same tenant over the same 3 years:"
                    + " %d events in total (history doubled by customers, not by years)%n", second.customers, first.size + second.size);
        }
        System.out.printf(Locale.ROOT, "Batches of %d events, %s, chronological order; reads: warm-up >= %d requests and"
                + " >= %.0f s, then %d timed, per query%n", options.batch(),
                options.senders() == 1 ? "one sender" : options.senders() + " concurrent senders (customers split between them)",
                options.warmup(), options.warmupSeconds(), options.iterations());
        System.out.println(warm == null ? "Ingestion measured on a cold service (no warm-up tenant)"
                : String.format(Locale.ROOT, "Ingestion measured after a warm-up: tenant %s, %d customers, %d events at %.0f events/s"
                        + " on the cold service", WARMUP_TENANT, options.warmupCustomers(), warm.events(), warm.eventsPerSecond()));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %14s %14s   %s%n", "", "1x", second == null ? "" : "2x", "target");
        System.out.printf(Locale.ROOT, "%-34s %14.0f %14s   >= %.0f  %s%n", "ingestion, events/s", i1.eventsPerSecond(),
                i2 == null ? "" : String.format(Locale.ROOT, "%.0f", i2.eventsPerSecond()), TARGET_INGEST_EPS,
                verdict(i1.eventsPerSecond() >= TARGET_INGEST_EPS && (i2 == null || i2.eventsPerSecond() >= TARGET_INGEST_EPS)));
        System.out.printf(Locale.ROOT, "%-34s %14.1f %14s%n", "ingestion wall time, s", i1.seconds(),
                i2 == null ? "" : String.format(Locale.ROOT, "%.1f", i2.seconds()));
        row("mrrSeries 36 months p50, ms", r1.series().p50(), r2 == null ? null : r2.series().p50(), "");
        row("mrrSeries 36 months p95, ms", r1.series().p95(), r2 == null ? null : r2.series().p95(),
                String.format(Locale.ROOT, "< %.0f  %s", TARGET_SERIES_P95_MS, verdict(r1.series().p95() < TARGET_SERIES_P95_MS
                        && (r2 == null || r2.series().p95() < TARGET_SERIES_P95_MS))));
        row("mrrSeries 36 months max, ms", r1.series().max(), r2 == null ? null : r2.series().max(), "");
        row("planMix p50, ms", r1.planMix().p50(), r2 == null ? null : r2.planMix().p50(), "");
        row("planMix p95, ms", r1.planMix().p95(), r2 == null ? null : r2.planMix().p95(), "");
        row("planMix max, ms", r1.planMix().max(), r2 == null ? null : r2.planMix().max(), "");
        if (r2 != null) {
            double seriesRatio = r2.series().p95() / r1.series().p95();
            double mixRatio = r2.planMix().p95() / r1.planMix().p95();
            System.out.printf(Locale.ROOT, "%-34s %14s %14.2f   flat (<= 1.25x, this benchmark's threshold)  %s%n",
                    "mrrSeries p95 2x / 1x", "", seriesRatio, verdict(seriesRatio <= 1.25));
            System.out.printf(Locale.ROOT, "%-34s %14s %14.2f   flat (<= 1.25x, this benchmark's threshold)  %s%n",
                    "planMix p95 2x / 1x", "", mixRatio, verdict(mixRatio <= 1.25));
            System.out.printf(Locale.ROOT, "Rows 1x: %s%nRows 2x: %s%n", r1.tableRows(), r2.tableRows());
        } else {
            System.out.printf(Locale.ROOT, "Rows 1x: %s%n", r1.tableRows());
        }
        System.out.printf(Locale.ROOT, "Total benchmark wall time: %.1f s%n", totalSeconds);
        System.out.println("===========================================================================");
    }

    private static void row(String label, double a, Double b, String target) {
        System.out.printf(Locale.ROOT, "%-34s %14.2f %14s   %s%n", label, a,
                b == null ? "" : String.format(Locale.ROOT, "%.2f", b), target);
    }

    private static String verdict(boolean ok) {
        return ok ? "[met]" : "[NOT MET]";
    }

    private void scanServiceLog() {
        try {
            List<String> lines = Files.readAllLines(serviceLog, StandardCharsets.UTF_8);
            List<String> bad = lines.stream().filter(l -> l.contains(" ERROR ") || l.contains(" WARN ")).toList();
            System.out.printf(Locale.ROOT, "Service log %s: %d lines, %d WARN/ERROR%n", serviceLog, lines.size(), bad.size());
            bad.stream().limit(10).forEach(l -> System.out.println("  " + abbreviate(l)));
        } catch (IOException e) {
            System.out.println("could not read " + serviceLog + ": " + e.getMessage());
        }
    }

    // ---- cheap profiling (--profile) --------------------------------------------------------------

    /**
     * Samples pg_stat_activity of the benchmark database every 20 ms: what fraction of the wall time a
     * statement was executing in PostgreSQL, a transaction was open while the service worked in Java, or
     * nothing was open (HTTP, GraphQL parsing and binding, the client); and which statements ran.
     */
    static final class PgSampler extends Thread {
        private final String url;
        private volatile boolean done;
        private int samples;
        private final Map<String, Integer> states = new LinkedHashMap<>();
        private final Map<String, Integer> statements = new LinkedHashMap<>();

        PgSampler(String url) {
            super("pg-sampler");
            setDaemon(true);
            this.url = url;
        }

        @Override
        public void run() {
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 var ps = c.prepareStatement("SELECT state, coalesce(wait_event_type || ':' || wait_event, 'CPU'),"
                         + " regexp_replace(left(query, 400), '\\s+', ' ', 'g') FROM pg_stat_activity"
                         + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
                while (!done) {
                    String best = "idle (no transaction open)";
                    List<String> active = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String state = rs.getString(1);
                            if ("active".equals(state)) {
                                active.add(rs.getString(2) + " | " + rs.getString(3));
                                best = "active: a statement executing in PostgreSQL";
                            } else if (state != null && state.startsWith("idle in transaction") && !best.startsWith("active")) {
                                best = "idle in transaction: the service working in Java inside its transaction";
                            }
                        }
                    }
                    synchronized (this) {
                        samples++;
                        states.merge(best, 1, Integer::sum);
                        for (String a : active) {
                            statements.merge(a, 1, Integer::sum);
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (SQLException | InterruptedException e) {
                System.err.println("pg sampler stopped: " + e);
            }
        }

        /** Clears pg_stat_statements, so that {@link #printStatements} covers the ingestion only. */
        void resetStatements() throws SQLException {
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }

        /**
         * Prints the statements that took the most execution time in PostgreSQL since {@link #resetStatements}
         * (pg_stat_statements: time inside the executor, including waits such as the tenant lock), per event.
         */
        void printStatements(int events) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(total_exec_time) OVER (), total_exec_time, calls, rows,"
                         + " shared_blks_hit + shared_blks_read, regexp_replace(left(query, 400), '\\s+', ' ', 'g')"
                         + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                         + " ORDER BY total_exec_time DESC LIMIT 16")) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        System.out.printf(Locale.ROOT, "  statements by execution time in PostgreSQL (pg_stat_statements; %.1f s in all,"
                                + " %.1f µs per event; µs per event, calls, rows, buffers per call):%n", rs.getDouble(1) / 1e3,
                                rs.getDouble(1) * 1e3 / events);
                        first = false;
                    }
                    String q = rs.getString(6);
                    long calls = rs.getLong(3);
                    System.out.printf(Locale.ROOT, "    %6.1f µs %7d calls %9d rows %8.0f buf  %s%n", rs.getDouble(2) * 1e3 / events,
                            calls, rs.getLong(4), calls == 0 ? 0.0 : rs.getDouble(5) / calls,
                            q.length() > 200 ? q.substring(0, 200) + "..." : q);
                }
            }
        }

        void finish() throws InterruptedException {
            done = true;
            join(5000);
        }

        synchronized void print() {
            System.out.printf(Locale.ROOT, "  PostgreSQL activity (%d samples of pg_stat_activity, every 20 ms):%n", samples);
            states.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
            System.out.println("  statements seen executing (share of all samples; wait event or CPU):");
            statements.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / samples,
                            e.getKey().length() > 220 ? e.getKey().substring(0, 220) + "..." : e.getKey()));
        }
    }

    /** Runs jcmd against the service; returns its output. */
    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(service.pid()));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Stops the service's flight recording, then prints where its CPU samples fell during the ingestion. */
    private void profileService(String label, Instant from, Instant to) {
        Path jfr = options.moduleDir().resolve("target/benchmark-service-" + label + ".jfr");
        try {
            Files.deleteIfExists(jfr);
            String out = jcmd("JFR.stop", "name=bench", "filename=" + jfr);
            if (!Files.isRegularFile(jfr)) {
                System.out.println("  (no flight recording: " + out.trim() + ")");
                return;
            }
            List<String[]> stacks = new ArrayList<>();
            for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(jfr)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                        || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                List<jdk.jfr.consumer.RecordedFrame> frames = e.getStackTrace().getFrames();
                String[] names = new String[frames.size()];
                for (int i = 0; i < names.length; i++) {
                    var m = frames.get(i).getMethod();
                    names[i] = m.getType().getName() + "." + m.getName();
                }
                stacks.add(names);
            }
            int n = stacks.size();
            System.out.printf(Locale.ROOT, "  revenue-service CPU profile (JFR, %d execution samples during the %s ingestion; %s):%n", n,
                    label, jfr);
            if (n == 0) {
                return;
            }
            // self time by component: the innermost frame on the stack that belongs to a known component
            String[][] components = {
                    {"org.postgresql.", "PostgreSQL JDBC driver (encoding parameters, decoding rows)"},
                    {"io.agroal.", "Agroal connection pool"},
                    {"com.arjuna.", "Narayana transactions"}, {"io.quarkus.narayana.", "Narayana transactions"},
                    {"org.openkpi.revenue.engine.", "service: engine (replay, movements)"},
                    {"org.openkpi.revenue.repository.", "service: repositories (row mapping, statement set-up)"},
                    {"org.openkpi.revenue.service.LedgerService.", "service: LedgerService (diff, rollup deltas, feed)"},
                    {"org.openkpi.revenue.service.", "service: other (validation, hashing, batching)"},
                    {"org.openkpi.", "service: API layer"},
                    {"graphql.", "graphql-java (parse, validate, coerce variables)"},
                    {"io.smallrye.graphql.", "SmallRye GraphQL (argument binding, execution)"},
                    {"io.quarkus.smallrye.graphql.", "SmallRye GraphQL (argument binding, execution)"},
                    {"org.eclipse.yasson.", "JSON-B / JSON-P (request parsing, input binding)"},
                    {"org.eclipse.parsson.", "JSON-B / JSON-P (request parsing, input binding)"},
                    {"jakarta.json.", "JSON-B / JSON-P (request parsing, input binding)"},
                    {"io.vertx.", "Vert.x / Netty (HTTP)"}, {"io.netty.", "Vert.x / Netty (HTTP)"},
                    {"org.jose4j.", "token verification"}, {"io.quarkus.oidc.", "token verification"},
                    {"io.smallrye.jwt.", "token verification"}};
            Map<String, Integer> byComponent = new java.util.HashMap<>();
            for (String[] st : stacks) {
                String component = null;
                for (String f : st) {
                    for (String[] c : components) {
                        if (f.startsWith(c[0])) {
                            component = c[1];
                            break;
                        }
                    }
                    if (component != null) {
                        break;
                    }
                }
                byComponent.merge(component == null ? "other (JDK only: JIT, GC helpers, scheduler)" : component, 1,
                        Integer::sum);
            }
            System.out.println("    self time by component (the innermost known component on each sampled stack):");
            byComponent.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "      %5.1f%%  %s%n", 100.0 * e.getValue() / n, e.getKey()));
            Map<String, Integer> self = new java.util.HashMap<>();
            Map<String, Integer> own = new java.util.HashMap<>();
            for (String[] st : stacks) {
                self.merge(st[0], 1, Integer::sum);
                for (String f : st) {
                    if (f.startsWith("org.openkpi.")) {
                        own.merge(f, 1, Integer::sum);
                        break;
                    }
                }
            }
            System.out.println("    top methods by self samples:");
            self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "      %5.1f%%  %s%n", 100.0 * e.getValue() / n, e.getKey()));
            System.out.println("    innermost service method on the stack (where service code spends, incl. callees):");
            own.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "      %5.1f%%  %s%n", 100.0 * e.getValue() / n, e.getKey()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("  (could not profile the service: " + e + ")");
        }
    }

    // ---- statistics ------------------------------------------------------------------------------

    static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    static double median(double[] values) {
        return percentile(sorted(values), 50);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sortedValues, double p) {
        if (sortedValues.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sortedValues.length);
        return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1];
    }
}
