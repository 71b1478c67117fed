package org.openkpi.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openkpi.deploy.demo.DemoSpec;

/**
 * Command line of the local runner.
 *
 * @param projectRoot the suite's root directory (holds the parent pom.xml and the service modules)
 * @param dataDir     PostgreSQL data directory; kept between runs
 * @param pgPort      port of the embedded PostgreSQL
 * @param services    the services to start (default: all of {@link ServiceSpec#SUITE})
 * @param check       start everything, wait until healthy, stop everything and exit 0
 * @param help        print the usage and exit
 * @param demo        load the demo company on first start (when this start created the databases); off with --no-demo
 * @param demoSeed    seed of the demo company (deploy/DEMO.md)
 * @param demoCustomers the demo company's number of customers
 */
public record LocalOptions(Path projectRoot, Path dataDir, int pgPort, List<ServiceSpec> services, boolean check,
        boolean help, boolean demo, long demoSeed, int demoCustomers) {

    /** Options without the demo company (for runs started from code, e.g. tests). */
    public LocalOptions(Path projectRoot, Path dataDir, int pgPort, List<ServiceSpec> services, boolean check, boolean help) {
        this(projectRoot, dataDir, pgPort, services, check, help, false, DemoSpec.DEFAULT_SEED, DemoSpec.DEFAULT_CUSTOMERS);
    }

    public static final int DEFAULT_PG_PORT = 15432;
    /** Everything the runner keeps between runs lives here, under the project root. */
    public static final String STATE_DIR = ".kpi-local";

    public static final String USAGE = """
            Usage: deploy/run-local.sh [options]
                   java -jar deploy/target/deploy-local-runner.jar [options]

            Starts an embedded PostgreSQL and every service of the KPI suite on this machine.

            Options:
              --data-dir <dir>   PostgreSQL data directory, kept between runs
                                 (default: .kpi-local/pgdata; relative paths are resolved against the project root)
              --pg-port <port>   PostgreSQL port (default: 15432)
              --root <dir>       project root (default: found from the runner jar's location, else the current directory)
              --only <names>     start only these services, comma-separated (e.g. gateway,revenue-service or
                                 gateway,revenue); the databases of all services are created regardless
              --check            start everything, wait until all services are ready, then stop everything and exit 0
                                 (never loads the demo company)
              --no-demo          do not load the demo company; by default the first start (the one that creates
                                 the databases) loads it into tenant "demo" (deploy/DEMO.md)
              --demo-seed <n>    seed of the demo company (default: 42)
              --demo-customers <n>
                                 customers of the demo company, 10 to 5000 (default: 300)
              -h, --help         print this help
            """;

    public Path stateDir() {
        return projectRoot.resolve(STATE_DIR);
    }

    public Path keysDir() {
        return stateDir().resolve("keys");
    }

    public Path logsDir() {
        return stateDir().resolve("logs");
    }

    /**
     * @param args        the command line
     * @param defaultRoot the project root to use when {@code --root} is absent
     * @throws IllegalArgumentException on an unknown option, a missing or invalid value
     */
    public static LocalOptions parse(List<String> args, Path defaultRoot) {
        String root = null;
        String dataDir = null;
        int pgPort = DEFAULT_PG_PORT;
        List<ServiceSpec> services = ServiceSpec.SUITE;
        boolean check = false;
        boolean help = false;
        boolean demo = true;
        long demoSeed = DemoSpec.DEFAULT_SEED;
        int demoCustomers = DemoSpec.DEFAULT_CUSTOMERS;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--check" -> {
                    noValue(name, inlineValue);
                    check = true;
                }
                case "--no-demo" -> {
                    noValue(name, inlineValue);
                    demo = false;
                }
                case "--demo-seed" -> demoSeed = number(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name),
                        Long.MIN_VALUE, Long.MAX_VALUE);
                case "--demo-customers" -> demoCustomers = (int) number(name,
                        inlineValue != null ? inlineValue : valueAfter(args, i++, name), DemoSpec.MIN_CUSTOMERS,
                        DemoSpec.MAX_CUSTOMERS);
                case "-h", "--help" -> {
                    noValue(name, inlineValue);
                    help = true;
                }
                case "--data-dir" -> {
                    dataDir = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    requireNotBlank(name, dataDir);
                }
                case "--root" -> {
                    root = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    requireNotBlank(name, root);
                }
                case "--only" -> services = services(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                case "--pg-port" -> pgPort = port(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        for (ServiceSpec service : ServiceSpec.SUITE) {
            if (service.port() == pgPort) {
                throw new IllegalArgumentException("--pg-port " + pgPort + " is the port of " + service.name());
            }
        }
        Path projectRoot = (root != null ? Path.of(root) : defaultRoot).toAbsolutePath().normalize();
        Path data = dataDir != null
                ? projectRoot.resolve(dataDir).normalize()
                : projectRoot.resolve(STATE_DIR).resolve("pgdata");
        return new LocalOptions(projectRoot, data, pgPort, services, check, help, demo, demoSeed, demoCustomers);
    }

    private static List<ServiceSpec> services(String name, String value) {
        List<ServiceSpec> selected = new ArrayList<>();
        for (String wanted : value.split(",")) {
            String trimmed = wanted.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            ServiceSpec service = ServiceSpec.SUITE.stream()
                    .filter(s -> s.name().equals(trimmed) || s.database().equals(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + ": no service '" + trimmed + "'; the services are "
                            + String.join(", ", ServiceSpec.SUITE.stream().map(ServiceSpec::name).toList())));
            if (!selected.contains(service)) {
                selected.add(service);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        // keep the suite's order
        return ServiceSpec.SUITE.stream().filter(selected::contains).toList();
    }

    private static void noValue(String name, String inlineValue) {
        if (inlineValue != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
    }

    private static String valueAfter(List<String> args, int index, String name) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(index + 1);
    }

    private static void requireNotBlank(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
    }

    private static long number(String name, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    private static int port(String name, String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
        }
        return port;
    }
}
