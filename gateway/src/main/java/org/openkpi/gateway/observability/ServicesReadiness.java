package org.openkpi.gateway.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.openkpi.gateway.subgraph.SubgraphsConfig;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Readiness of the domain services the gateway forwards to (README "Observability"): each service's GraphQL URL is
 * sent a {@code {__typename}} query without a token; any HTTP answer below 500 (a 401 is the usual one) means the
 * service is reachable (UP), a 5xx, a refused connection or no answer within {@code kpi.health.services.timeout}
 * means DOWN. Each service's state is in the check's data. The check is DOWN only when <em>none</em> of the services
 * answers: one service down makes only its own fields fail (UPSTREAM_UNAVAILABLE), so it must not take the gateway
 * out of its Kubernetes Service. The result is cached for {@code kpi.health.services.cache} (probes every few seconds
 * from several kubelets must not storm the services), and concurrent probes share one round of calls. Runs on the
 * event loop (non-blocking Vert.x client). Off when {@code kpi.health.services.enabled=false}.
 */
@Readiness
@ApplicationScoped
public class ServicesReadiness implements AsyncHealthCheck {

    static final String NAME = "Domain services";
    private static final String PROBE = "{\"query\":\"{__typename}\"}";

    private final boolean enabled;
    private final Map<String, String> urls = new TreeMap<>();
    private final long timeoutMillis;
    private final long cacheNanos;
    private final WebClient http;
    private volatile Round last;

    private record Round(long at, CompletableFuture<HealthCheckResponse> response) {
    }

    public ServicesReadiness(SubgraphsConfig services, Vertx vertx,
            @ConfigProperty(name = "kpi.health.services.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "kpi.health.services.timeout", defaultValue = "2s") Duration timeout,
            @ConfigProperty(name = "kpi.health.services.cache", defaultValue = "5s") Duration cache) {
        this.enabled = enabled;
        services.services().forEach((name, service) -> urls.put(name, service.url()));
        this.timeoutMillis = timeout.toMillis();
        this.cacheNanos = cache.toNanos();
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                .setKeepAlive(false).setDecompressionSupported(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!enabled) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("probing", "off").build());
        }
        long now = System.nanoTime();
        Round round = last;
        if (round == null || now - round.at() >= cacheNanos) {
            synchronized (this) {
                round = last;
                if (round == null || now - round.at() >= cacheNanos) {
                    round = new Round(now, probeAll());
                    last = round;
                }
            }
        }
        return Uni.createFrom().completionStage(round.response());
    }

    private CompletableFuture<HealthCheckResponse> probeAll() {
        List<String> names = new ArrayList<>(urls.keySet());
        List<CompletableFuture<String>> states = new ArrayList<>();
        for (String name : names) {
            states.add(probe(urls.get(name)));
        }
        return CompletableFuture.allOf(states.toArray(CompletableFuture[]::new)).thenApply(done -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME);
            int up = 0;
            for (int i = 0; i < names.size(); i++) {
                String state = states.get(i).join();
                up += "UP".equals(state) ? 1 : 0;
                builder.withData(names.get(i), state);
            }
            builder.withData("servicesUp", up);
            return builder.status(up > 0 || names.isEmpty()).build();
        });
    }

    /** @return "UP", or "DOWN (reason)" */
    private CompletableFuture<String> probe(String url) {
        CompletableFuture<String> state = new CompletableFuture<>();
        try {
            http.postAbs(url).timeout(timeoutMillis).putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(PROBE)).onComplete(answer -> {
                        if (answer.failed()) {
                            Throwable cause = answer.cause();
                            state.complete("DOWN (" + cause.getClass().getSimpleName() + ")");
                        } else if (answer.result().statusCode() >= 500) {
                            state.complete("DOWN (HTTP " + answer.result().statusCode() + ")");
                        } else {
                            state.complete("UP");
                        }
                    });
        } catch (RuntimeException e) { // e.g. a malformed URL
            state.complete("DOWN (" + e.getClass().getSimpleName() + ")");
        }
        return state;
    }
}
