package org.openkpi.gateway.subgraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.openkpi.gateway.composition.CallerToken;

/**
 * The gateway's own calls to the services within one request (cross-domain KPIs, scorecard, churn risk), with the
 * caller's token. A call that fails does not fail the request: its future completes with null, and the failure or
 * the service's errors are kept here until the gateway field that made the call reports them (see
 * {@code PartialResultsFetcher}).
 */
@RequestScoped
public class UpstreamCalls {

    /** A problem met while calling a service: unavailable (failure) or errors in its answer. */
    public record Problem(String service, UpstreamException failure, Map<String, Object> error) {
    }

    private final SubgraphClient client;
    private final CurrentVertxRequest request;
    private final List<Problem> problems = new ArrayList<>();

    public UpstreamCalls(SubgraphClient client, CurrentVertxRequest request) {
        this.client = client;
        this.request = request;
    }

    /** @return the data of the service's answer; null (and a problem kept) when it failed or answered with no data */
    public CompletableFuture<Map<String, Object>> query(String service, String query, Map<String, Object> variables) {
        String authorization = CallerToken.header(request);
        return client.execute(service, query, variables, authorization).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = org.openkpi.gateway.composition.UpstreamErrors.cause(failure);
                UpstreamException upstream = cause instanceof UpstreamException u ? u
                        : new UpstreamException(service, service + "-service call failed");
                record(new Problem(service, upstream, null));
                return null;
            }
            for (Map<String, Object> error : response.errors()) {
                record(new Problem(service, null, error));
            }
            return response.data();
        });
    }

    /** @return the problems met so far, and forgets them */
    public synchronized List<Problem> drain() {
        List<Problem> drained = new ArrayList<>(problems);
        problems.clear();
        return drained;
    }


    private synchronized void record(Problem problem) {
        problems.add(problem);
    }
}
