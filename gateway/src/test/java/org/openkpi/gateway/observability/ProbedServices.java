package org.openkpi.gateway.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Four stand-in domain services for the observability tests: each records the {@code traceparent} header of the
 * gateway's calls made with a caller's token, counts the unauthenticated readiness probes it gets, answers a fixed
 * {@code plans} result (also under the aliases a and b), and can be switched to HTTP 503 or stopped (connection refused). The gateway probes them
 * (kpi.health.services.enabled) with a 1 s cache.
 */
public class ProbedServices implements QuarkusTestResourceLifecycleManager {

    public static final List<String> SERVICES = List.of("revenue", "acquisition", "retention", "support");
    /** traceparent headers of calls carrying a bearer token, per service. */
    public static final Map<String, List<String>> TRACEPARENTS = new ConcurrentHashMap<>();
    /** Readiness probes (calls without a token), per service. */
    public static final Map<String, AtomicInteger> PROBES = new ConcurrentHashMap<>();
    /** Services answering HTTP 503. */
    public static final Map<String, Boolean> FAILING = new ConcurrentHashMap<>();
    private static final Map<String, HttpServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new ConcurrentHashMap<>();
        for (String service : SERVICES) {
            PROBES.put(service, new AtomicInteger());
            serve(service, 0);
            config.put("kpi.services." + service + ".url", "http://localhost:" + PORTS.get(service) + "/graphql");
        }
        config.put("kpi.health.services.enabled", "true");
        config.put("kpi.health.services.cache", "1s");
        config.put("kpi.health.services.timeout", "1s");
        return config;
    }

    private static void serve(String service, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/graphql", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                    PROBES.get(service).incrementAndGet();
                } else {
                    TRACEPARENTS.computeIfAbsent(service, k -> new CopyOnWriteArrayList<>())
                            .add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                }
                boolean failing = FAILING.getOrDefault(service, false);
                byte[] out = (failing ? "{}" : "{\"data\":{\"plans\":[{\"code\":\"pro\"}],\"a\":[{\"code\":\"pro\"}],\"b\":[]}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(failing ? 503 : 200, out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            });
            server.start();
            SERVERS.put(service, server);
            PORTS.put(service, server.getAddress().getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops a service: its port refuses connections until {@link #restart}. */
    public static void stop(String service) {
        HttpServer server = SERVERS.remove(service);
        if (server != null) {
            server.stop(0);
        }
    }

    public static void restart(String service) {
        serve(service, PORTS.get(service));
    }

    @Override
    public void stop() {
        SERVERS.values().forEach(s -> s.stop(0));
        SERVERS.clear();
    }
}
