package org.openkpi.gateway.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.gateway.api.error.ApiException;
import org.openkpi.gateway.api.model.ChurnRisk;
import org.openkpi.gateway.api.model.ChurnRiskCustomer;
import org.openkpi.gateway.api.model.ChurnSignal;
import org.openkpi.gateway.api.model.ChurnSignalKind;
import org.openkpi.gateway.api.model.Money;
import org.openkpi.gateway.subgraph.UpstreamCalls;

/**
 * Churn risk (METRICS.md, Cross-domain): the services report, in bulk, only the customers for whom one of their
 * signals fires (retention: falling activity, NPS detractor, slow onboarding; support: rising ticket volume, low
 * CSAT; revenue: MRR contractions in the 90 days before asOf). The gateway merges them, keeps the customers paying at
 * asOf (one batched {@code _entities} call to revenue-service per 500 candidates), scores each as the sum of its
 * signals' weights ({@link ChurnSignalKind}) and ranks them. Cost grows with the customers at risk, not all customers.
 */
@ApplicationScoped
public class ChurnRiskService {

    static final int PAGE = 1000;
    static final int MAX_PAGES = 50;
    static final int CHUNK = 500;

    static final String RETENTION = """
            query($asOf: Date, $first: Int, $after: String) {
              retentionRiskSignals(asOf: $asOf, first: $first, after: $after) {
                edges { node { customerId activeDaysLast30 activeDaysPrevious30 activityFalling latestNpsScore npsDetractor daysToOnboard slowOnboarding } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String SUPPORT = """
            query($asOf: Date, $first: Int, $after: String) {
              supportRiskSignals(asOf: $asOf, first: $first, after: $after) {
                edges { node { customerId ticketsLast30 ticketsPrevious30 ticketVolumeRising csatResponsesLast90 csatLast90 { value } lowCsat } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String CONTRACTIONS = """
            query($r: DateRangeInput!, $first: Int, $after: String) {
              mrrMovements(range: $r, kinds: [CONTRACTION], first: $first, after: $after) {
                edges { node { customerId day delta { amount currency } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String PAYING = """
            query($representations: [_Any!]!, $asOf: Date) {
              _entities(representations: $representations) { ... on Customer { id revenue(asOf: $asOf) { name mrr { amount currency } } } }
            }""";

    private final UpstreamCalls calls;
    private final ScorecardService scorecard;

    public ChurnRiskService(UpstreamCalls calls, ScorecardService scorecard) {
        this.calls = calls;
        this.scorecard = scorecard;
    }

    public ChurnRisk rank(LocalDate asOf, int first) {
        if (first < 1 || first > 500) {
            throw ApiException.validation("first", "must be between 1 and 500");
        }
        LocalDate day = asOf != null ? asOf : scorecard.todayInTenantZone();
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("asOf", day.toString());
        CompletableFuture<List<Map<String, Object>>> retention = pages("retention", RETENTION, base, "retentionRiskSignals");
        CompletableFuture<List<Map<String, Object>>> support = pages("support", SUPPORT, base, "supportRiskSignals");
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("r", Map.of("from", day.minusDays(90).toString(), "to", day.toString()));
        CompletableFuture<List<Map<String, Object>>> contractions = pages("revenue", CONTRACTIONS, range, "mrrMovements");
        CompletableFuture.allOf(retention, support, contractions).join();

        Map<String, List<ChurnSignal>> signals = new TreeMap<>();
        for (Map<String, Object> s : retention.join()) {
            String id = Json.string(s, "customerId");
            if (Boolean.TRUE.equals(Json.bool(s, "activityFalling"))) {
                add(signals, id, ChurnSignalKind.ACTIVITY_FALLING, "active days " + Json.string(s, "activeDaysPrevious30")
                        + " in the previous 30 days, " + Json.string(s, "activeDaysLast30") + " in the last 30");
            }
            if (Boolean.TRUE.equals(Json.bool(s, "npsDetractor"))) {
                add(signals, id, ChurnSignalKind.NPS_DETRACTOR, "latest NPS score " + Json.string(s, "latestNpsScore"));
            }
            if (Boolean.TRUE.equals(Json.bool(s, "slowOnboarding"))) {
                BigDecimal days = Json.decimal(s, "daysToOnboard");
                add(signals, id, ChurnSignalKind.SLOW_ONBOARDING, days == null ? "not onboarded 14+ days after sign-up"
                        : "onboarding took " + days.stripTrailingZeros().toPlainString() + " days");
            }
        }
        for (Map<String, Object> s : support.join()) {
            String id = Json.string(s, "customerId");
            if (Boolean.TRUE.equals(Json.bool(s, "ticketVolumeRising"))) {
                add(signals, id, ChurnSignalKind.TICKET_VOLUME_RISING, Json.string(s, "ticketsLast30")
                        + " tickets in the last 30 days, " + Json.string(s, "ticketsPrevious30") + " in the previous 30");
            }
            if (Boolean.TRUE.equals(Json.bool(s, "lowCsat"))) {
                BigDecimal csat = Json.decimal(s, "csatLast90", "value");
                add(signals, id, ChurnSignalKind.LOW_CSAT, "CSAT " + (csat == null ? "n/a" : csat.stripTrailingZeros().toPlainString())
                        + " over " + Json.string(s, "csatResponsesLast90") + " responses in the last 90 days");
            }
        }
        Map<String, BigDecimal> contracted = new TreeMap<>();
        for (Map<String, Object> m : contractions.join()) {
            contracted.merge(Json.string(m, "customerId"), Json.decimal(m, "delta", "amount"), BigDecimal::add);
        }
        for (Map.Entry<String, BigDecimal> c : contracted.entrySet()) {
            add(signals, c.getKey(), ChurnSignalKind.CONTRACTION, "MRR changed by " + c.getValue().toPlainString()
                    + " through contractions in the 90 days before " + day);
        }

        Map<String, Map<String, Object>> paying = paying(new ArrayList<>(signals.keySet()), day);
        List<ChurnRiskCustomer> ranked = new ArrayList<>();
        for (Map.Entry<String, List<ChurnSignal>> entry : signals.entrySet()) {
            Map<String, Object> revenue = paying.get(entry.getKey());
            BigDecimal mrr = Json.decimal(revenue, "mrr", "amount");
            if (mrr == null || mrr.signum() <= 0) {
                continue;
            }
            List<ChurnSignal> list = entry.getValue();
            list.sort(Comparator.comparingInt(ChurnSignal::weight).reversed().thenComparing(s -> s.kind().name()));
            int score = list.stream().mapToInt(ChurnSignal::weight).sum();
            ranked.add(new ChurnRiskCustomer(0, entry.getKey(), Json.string(revenue, "name"),
                    new Money(mrr, Json.string(revenue, "mrr", "currency")), score, list));
        }
        ranked.sort(Comparator.comparingInt(ChurnRiskCustomer::score).reversed()
                .thenComparing((ChurnRiskCustomer c) -> c.mrr().amount(), Comparator.reverseOrder())
                .thenComparing(ChurnRiskCustomer::customerId));
        List<ChurnRiskCustomer> top = new ArrayList<>();
        for (int i = 0; i < Math.min(first, ranked.size()); i++) {
            ChurnRiskCustomer c = ranked.get(i);
            top.add(new ChurnRiskCustomer(i + 1, c.customerId(), c.name(), c.mrr(), c.score(), c.signals()));
        }
        return new ChurnRisk(day, ranked.size(), top);
    }

    private static void add(Map<String, List<ChurnSignal>> signals, String customer, ChurnSignalKind kind, String detail) {
        List<ChurnSignal> list = signals.computeIfAbsent(customer, k -> new ArrayList<>());
        if (list.stream().noneMatch(s -> s.kind() == kind)) {
            list.add(new ChurnSignal(kind, kind.service(), kind.weight(), detail));
        }
    }

    /** @return revenue-service's view (name, mrr at asOf) of each candidate it knows, by customer id */
    private Map<String, Map<String, Object>> paying(List<String> candidates, LocalDate asOf) {
        List<CompletableFuture<Map<String, Object>>> chunks = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i += CHUNK) {
            List<Map<String, Object>> representations = new ArrayList<>();
            for (String id : candidates.subList(i, Math.min(candidates.size(), i + CHUNK))) {
                representations.add(Map.of("__typename", "Customer", "id", id));
            }
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("representations", representations);
            variables.put("asOf", asOf.toString());
            chunks.add(calls.query("revenue", PAYING, variables));
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (CompletableFuture<Map<String, Object>> chunk : chunks) {
            for (Map<String, Object> entity : Json.list(chunk.join(), "_entities")) {
                if (entity != null && Json.map(entity, "revenue") != null) {
                    byId.put(Json.string(entity, "id"), Json.map(entity, "revenue"));
                }
            }
        }
        return byId;
    }

    /** Follows a connection page by page (at most MAX_PAGES), returning the nodes; empty when the service failed. */
    private CompletableFuture<List<Map<String, Object>>> pages(String service, String query, Map<String, Object> base, String field) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        return page(service, query, base, field, null, nodes, 0).thenApply(done -> nodes);
    }

    private CompletableFuture<Void> page(String service, String query, Map<String, Object> base, String field,
            String after, List<Map<String, Object>> nodes, int count) {
        Map<String, Object> variables = new LinkedHashMap<>(base);
        variables.put("first", PAGE);
        variables.put("after", after);
        return calls.query(service, query, variables).thenCompose(data -> {
            for (Map<String, Object> edge : Json.list(data, field, "edges")) {
                nodes.add(Json.map(edge, "node"));
            }
            boolean more = Boolean.TRUE.equals(Json.bool(data, field, "pageInfo", "hasNextPage"));
            String cursor = Json.string(data, field, "pageInfo", "endCursor");
            if (more && cursor != null && count + 1 < MAX_PAGES) {
                return page(service, query, base, field, cursor, nodes, count + 1);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

}
