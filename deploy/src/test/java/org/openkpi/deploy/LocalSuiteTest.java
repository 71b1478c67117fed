package org.openkpi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSuiteTest {

    @Test
    void theSuiteAndItsPorts() {
        assertEquals(List.of("gateway:gateway:8080", "revenue-service:revenue:8081", "acquisition-service:acquisition:8082",
                        "retention-service:retention:8083", "support-service:support:8084"),
                ServiceSpec.SUITE.stream().map(s -> s.name() + ":" + s.database() + ":" + s.port()).toList());
        ServiceSpec gateway = ServiceSpec.SUITE.get(0);
        assertEquals("http://localhost:8080/graphql", gateway.graphqlUrl());
        assertEquals("http://localhost:8080/q/graphql-ui", gateway.graphqlUiUrl());
        assertEquals("http://localhost:8080/q/health/ready", gateway.readinessUrl());
        assertEquals("http://localhost:8080/", gateway.dashboardUrl());
        assertEquals(Path.of("/r/gateway/target/quarkus-app/quarkus-run.jar"), gateway.runnerJar(Path.of("/r")));
    }

    @Test
    void theSummaryEndsWithTheDashboardAndHowToSignIn() {
        List<String> lines = LocalSuite.dashboardLines(ServiceSpec.SUITE.get(0), "TOKEN");
        assertEquals("Dashboard: http://localhost:8080/", lines.get(0));
        assertEquals("  http://localhost:8080/#token=TOKEN", lines.get(lines.size() - 1));
    }

    @Test
    void serviceEnvironment() {
        Map<String, String> env = LocalSuite.serviceEnvironment(ServiceSpec.SUITE.get(1), 15432, "PUBKEY");
        assertEquals("jdbc:postgresql://localhost:15432/revenue", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("postgres", env.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("", env.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("PUBKEY", env.get("QUARKUS_OIDC_PUBLIC_KEY"));
        assertEquals("https://kpi.local/issuer", env.get("KPI_OIDC_ISSUER"));
        assertEquals("kpi-suite", env.get("KPI_OIDC_AUDIENCE"));
        assertEquals("8081", env.get("QUARKUS_HTTP_PORT"));
        assertEquals("http://localhost:8081/graphql", env.get("KPI_REVENUE_URL"));
        assertEquals("http://localhost:8082/graphql", env.get("KPI_ACQUISITION_URL"));
        assertEquals("http://localhost:8083/graphql", env.get("KPI_RETENTION_URL"));
        assertEquals("http://localhost:8084/graphql", env.get("KPI_SUPPORT_URL"));
    }

    @Test
    void readinessAnswers() {
        assertTrue(LocalSuite.isUp(200, "{\n    \"status\": \"UP\",\n    \"checks\": [{\"name\": \"db\", \"status\": \"UP\"}]\n}"));
        assertFalse(LocalSuite.isUp(503, "{\"status\": \"DOWN\", \"checks\": []}"));
        assertFalse(LocalSuite.isUp(200, "{\"status\": \"DOWN\", \"checks\": [{\"status\": \"UP\"}]}"));
        assertFalse(LocalSuite.isUp(404, "not found"));
    }

    @Test
    void logTailIsTheLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("x.log");
        Files.write(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).toList());
        String tail = LocalSuite.tail(log);
        assertEquals(LocalSuite.LOG_TAIL_LINES, tail.lines().count());
        assertTrue(tail.startsWith("    | line 61\n"), tail);
        assertTrue(tail.endsWith("    | line 100\n"), tail);
        assertTrue(LocalSuite.tail(dir.resolve("missing.log")).contains("no log"));
    }

    @Test
    void aServiceIsListeningOnlyWhenItsOwnLogSaysSo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("revenue-service.log");
        assertFalse(LocalSuite.listening(log, 8081), "no log yet");
        Files.write(log, List.of("2026-11-23 12:36:44,001 INFO  [io.quarkus] (main) Installing revenue-service",
                "2026-11-23 12:36:45,002 ERROR [io.quarkus.runtime.Application] (main) Port 8081 seems to be in use by another process."));
        assertFalse(LocalSuite.listening(log, 8081), "failed to bind: another process answers on the port");
        Files.write(log, List.of("2026-11-23 12:36:58,947 INFO  [io.quarkus] (main) revenue-service 0.1.0-SNAPSHOT on JVM"
                + " (powered by Quarkus 3.34.2) started in 15.132s. Listening on: http://0.0.0.0:8081"));
        assertTrue(LocalSuite.listening(log, 8081));
        assertFalse(LocalSuite.listening(log, 808), "another port");
        Files.write(log, List.of("{\"level\":\"INFO\",\"message\":\"revenue-service started in 3.1s. Listening on:"
                + " http://0.0.0.0:8081\",\"threadName\":\"main\"}"));
        assertTrue(LocalSuite.listening(log, 8081), "JSON log lines too");
    }

    @Test
    void busyPortIsSeen() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertFalse(LocalSuite.portFree(socket.getLocalPort()));
        }
    }
}
