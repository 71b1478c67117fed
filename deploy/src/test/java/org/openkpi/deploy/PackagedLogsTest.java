package org.openkpi.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged service's logs (support-service's built jar, prod profile, over an embedded PostgreSQL on free ports):
 * JSON lines as packaged for Kubernetes, plain text with the local runner's environment
 * ({@link LocalSuite#serviceEnvironment}). Needs the services built, like {@link SuiteEndToEndTest}.
 */
class PackagedLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ServiceSpec SUPPORT = ServiceSpec.SUITE.get(4);

    @Test
    void theProdProfileLogsJsonLinesAndTheLocalRunnerPlainText(@TempDir Path dir) throws Exception {
        Path jar = SUPPORT.runnerJar(Path.of("").toAbsolutePath().getParent());
        assertTrue(Files.exists(jar), "build the services first: " + jar);
        KeyPair keys = LocalKeys.loadOrCreate(dir.resolve("keys"));
        String publicKey = LocalKeys.publicKeyBase64(keys.getPublic());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + SUPPORT.database());
            }
            // as packaged (the environment a Kubernetes Deployment gives it)
            Map<String, String> prod = new LinkedHashMap<>();
            prod.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + SUPPORT.database());
            prod.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            prod.put("QUARKUS_DATASOURCE_PASSWORD", "");
            prod.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
            List<String> lines = runUntilReady(jar, prod, dir.resolve("prod.log"));
            for (String line : lines) {
                JsonNode record = JSON.readTree(line);
                assertTrue(record.isObject() && record.has("level") && record.has("message") && record.has("timestamp") && record.has("loggerName"), line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("support-service") && l.contains("started in")), String.join("\n", lines));

            // with the local runner's environment
            Map<String, String> local = new LinkedHashMap<>(LocalSuite.serviceEnvironment(SUPPORT, postgres.getPort(), publicKey));
            lines = runUntilReady(jar, local, dir.resolve("local.log"));
            assertTrue(lines.stream().anyMatch(l -> l.contains("support-service") && l.contains("started in")), String.join("\n", lines));
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("{")), String.join("\n", lines));
        }
    }

    /** Starts the jar on a free port, waits until it is ready, stops it, and returns its non-empty output lines. */
    private static List<String> runUntilReady(Path jar, Map<String, String> environment, Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!ready(port)) {
                assertTrue(process.isAlive(), "the service exited: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "not ready in 120 s: " + Files.readString(log));
                Thread.sleep(250);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    }

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
