package org.openkpi.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Four stand-in domain services (JDK HTTP servers) that record what the gateway sends them and answer whatever the
 * running test sets, so the gateway's forwarding can be checked request by request. support-service is configured
 * with a 300 ms timeout.
 */
public class FakeSubgraphs implements QuarkusTestResourceLifecycleManager {

    /** One request a fake service received. */
    public record Received(String body, String authorization) {
    }

    public static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    public static final Map<String, Function<String, String>> ANSWERS = new ConcurrentHashMap<>();
    private static final List<HttpServer> SERVERS = new CopyOnWriteArrayList<>();

    public static void reset() {
        RECEIVED.clear();
        ANSWERS.clear();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new ConcurrentHashMap<>();
        for (String service : List.of("revenue", "acquisition", "retention", "support")) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
                server.setExecutor(Executors.newCachedThreadPool());
                server.createContext("/graphql", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    RECEIVED.computeIfAbsent(service, k -> new CopyOnWriteArrayList<>())
                            .add(new Received(body, exchange.getRequestHeaders().getFirst("Authorization")));
                    Function<String, String> answer = ANSWERS.get(service);
                    byte[] out = (answer == null ? "{\"data\":null,\"errors\":[{\"message\":\"no answer set\"}]}"
                            : answer.apply(body)).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    try {
                        exchange.sendResponseHeaders(200, out.length);
                        try (OutputStream os = exchange.getResponseBody()) {
                            os.write(out);
                        }
                    } catch (IOException clientGone) {
                        // the gateway gave up (timeout)
                    }
                });
                server.start();
                SERVERS.add(server);
                config.put("kpi.services." + service + ".url", "http://localhost:" + server.getAddress().getPort() + "/graphql");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        config.put("kpi.services.support.timeout", "300ms");
        return config;
    }

    @Override
    public void stop() {
        SERVERS.forEach(s -> s.stop(0));
        SERVERS.clear();
    }
}
