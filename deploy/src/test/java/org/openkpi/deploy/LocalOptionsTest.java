package org.openkpi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    private static final Path ROOT = Path.of("/srv/kpi");

    private static LocalOptions parse(String... args) {
        return LocalOptions.parse(List.of(args), ROOT);
    }

    @Test
    void defaults() {
        LocalOptions options = parse();
        assertEquals(ROOT, options.projectRoot());
        assertEquals(Path.of("/srv/kpi/.kpi-local/pgdata"), options.dataDir());
        assertEquals(15432, options.pgPort());
        assertEquals(ServiceSpec.SUITE, options.services());
        assertFalse(options.check());
        assertFalse(options.help());
        assertEquals(Path.of("/srv/kpi/.kpi-local/keys"), options.keysDir());
        assertEquals(Path.of("/srv/kpi/.kpi-local/logs"), options.logsDir());
        assertTrue(options.demo());
        assertEquals(42, options.demoSeed());
        assertEquals(300, options.demoCustomers());
    }

    @Test
    void demoOptions() {
        LocalOptions options = parse("--no-demo", "--demo-seed", "-7", "--demo-customers=50");
        assertFalse(options.demo());
        assertEquals(-7, options.demoSeed());
        assertEquals(50, options.demoCustomers());
        assertTrue(parse("--demo-seed=9").demo());
        assertFalse(new LocalOptions(ROOT, ROOT, 5432, ServiceSpec.SUITE, false, false).demo(), "runs started from code load no demo");
        assertTrue(LocalOptions.USAGE.contains("--no-demo"));
    }

    @Test
    void everyOptionWithSeparateValues() {
        LocalOptions options = parse("--data-dir", "/var/lib/kpi", "--pg-port", "25432", "--check", "--root", "/opt/kpi");
        assertEquals(Path.of("/opt/kpi"), options.projectRoot());
        assertEquals(Path.of("/var/lib/kpi"), options.dataDir());
        assertEquals(25432, options.pgPort());
        assertTrue(options.check());
    }

    @Test
    void inlineValuesAndRelativeDataDirUnderTheRoot() {
        LocalOptions options = parse("--data-dir=other/pg", "--pg-port=5433");
        assertEquals(Path.of("/srv/kpi/other/pg"), options.dataDir());
        assertEquals(5433, options.pgPort());
    }

    @Test
    void relativeRootIsMadeAbsolute() {
        LocalOptions options = parse("--root", ".");
        assertTrue(options.projectRoot().isAbsolute());
        assertEquals(options.projectRoot().resolve(".kpi-local/pgdata"), options.dataDir());
    }

    @Test
    void onlyPicksServicesByModuleOrDatabaseNameInSuiteOrder() {
        assertEquals(List.of("gateway", "revenue-service", "support-service"),
                parse("--only", "support-service,revenue, gateway,gateway").services().stream().map(ServiceSpec::name).toList());
        assertEquals(List.of("acquisition-service"),
                parse("--only=acquisition").services().stream().map(ServiceSpec::name).toList());
    }

    @Test
    void help() {
        assertTrue(parse("-h").help());
        assertTrue(parse("--help").help());
    }

    @Test
    void invalidCommandLines() {
        assertMessage("unknown option: --bogus", "--bogus");
        assertMessage("unknown option: check", "check");
        assertMessage("--pg-port needs a value", "--pg-port");
        assertMessage("--data-dir needs a value", "--data-dir", "--check");
        assertMessage("--data-dir needs a value", "--data-dir=");
        assertMessage("--pg-port must be a port number, not 'abc'", "--pg-port", "abc");
        assertMessage("--pg-port must be between 1 and 65535, not 70000", "--pg-port", "70000");
        assertMessage("--pg-port 8081 is the port of revenue-service", "--pg-port", "8081");
        assertMessage("--check takes no value", "--check=yes");
        assertMessage("--only needs a value", "--only", ",");
        assertMessage("--no-demo takes no value", "--no-demo=yes");
        assertMessage("--demo-seed must be a whole number, not 'x'", "--demo-seed", "x");
        assertMessage("--demo-customers must be between 10 and 5000, not 9", "--demo-customers", "9");
        assertMessage("--demo-customers needs a value", "--demo-customers");
        assertMessage("--only: no service 'billing'; the services are gateway, revenue-service, acquisition-service, "
                + "retention-service, support-service", "--only", "gateway,billing");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args));
        assertEquals(expected, e.getMessage());
    }
}
