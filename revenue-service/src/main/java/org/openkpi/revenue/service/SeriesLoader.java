package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.api.model.RevenueDimension;
import org.openkpi.revenue.api.model.RevenueFilterInput;
import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.repository.LedgerQueryRepository;
import org.openkpi.revenue.repository.LedgerQueryRepository.Dimension;
import org.openkpi.revenue.repository.LedgerQueryRepository.GroupBalance;
import org.openkpi.revenue.repository.LedgerQueryRepository.LedgerFilter;
import org.openkpi.revenue.repository.LedgerQueryRepository.RollupDay;
import org.openkpi.revenue.repository.StoredMovement;
import org.openkpi.revenue.tenant.TenantId;

/**
 * Loads what an MRR series needs. Unfiltered queries, and queries grouped or filtered by a single
 * dimension, read the daily rollups: O(days in range) plus one indexed sum for the opening balance.
 * Other combinations scan the matching ledger rows (O(movements of the matching customers)) and give
 * the same numbers.
 */
@ApplicationScoped
public class SeriesLoader {

    private final LedgerQueryRepository queries;

    public SeriesLoader(LedgerQueryRepository queries) {
        this.queries = queries;
    }

    static Dimension dimension(RevenueDimension d) {
        return d == null ? Dimension.TOTAL : Dimension.valueOf(d.name());
    }

    static Map<Dimension, List<String>> filterValues(RevenueFilterInput filter) {
        Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
        if (filter != null) {
            put(values, Dimension.PLAN, filter.plans());
            put(values, Dimension.COUNTRY, filter.countries());
            put(values, Dimension.SEGMENT, filter.segments());
            put(values, Dimension.CHANNEL, filter.channels());
        }
        return values;
    }

    private static void put(Map<Dimension, List<String>> values, Dimension d, List<String> list) {
        if (list != null && !list.isEmpty()) {
            values.put(d, list.stream().map(v -> Groups.NONE_LABEL.equals(v) ? "" : v).toList());
        }
    }

    /** Whether the rollups can answer this combination exactly. */
    static boolean rollupAnswers(Map<Dimension, List<String>> filter, RevenueDimension groupBy) {
        if (filter.isEmpty()) {
            return true;
        }
        if (filter.size() > 1) {
            return false;
        }
        Dimension only = filter.keySet().iterator().next();
        if (groupBy != null) {
            return dimension(groupBy) == only;
        }
        // summing several plan components would count a customer on two of them twice
        return only != Dimension.PLAN || filter.get(only).size() == 1;
    }

    SeriesData load(TenantId tenant, Periods periods, RevenueFilterInput filterInput, RevenueDimension groupBy,
            boolean withExpansionCustomers) {
        Map<Dimension, List<String>> filter = filterValues(filterInput);
        return rollupAnswers(filter, groupBy)
                ? fromRollups(tenant, periods, filter, groupBy, withExpansionCustomers)
                : fromLedger(tenant, periods, filter, groupBy);
    }

    private SeriesData fromRollups(TenantId tenant, Periods periods, Map<Dimension, List<String>> filter,
            RevenueDimension groupBy, boolean withExpansionCustomers) {
        Dimension dimension = filter.isEmpty() ? dimension(groupBy) : filter.keySet().iterator().next();
        List<String> values = filter.isEmpty() ? null : filter.get(dimension);
        boolean grouped = groupBy != null;
        SeriesData data = new SeriesData();
        for (GroupBalance b : queries.rollupOpening(tenant, dimension, values, periods.from(), false)) {
            SeriesData.Balance balance = data.opening(grouped ? b.group() : null);
            balance.mrr = balance.mrr.add(b.mrr());
            balance.customers += b.customers();
        }
        for (RollupDay r : queries.rollupDays(tenant, dimension, values, periods.from(), periods.to())) {
            data.day(grouped ? r.group() : null, r.day()).add(r.mrr(), r.newCustomers(), r.reactivatedCustomers(),
                    r.churnedCustomers());
        }
        if (withExpansionCustomers) {
            Map<String, Map<Integer, Integer>> counts = queries.expansionCustomers(tenant, dimension, values, periods.starts(),
                    periods.ends());
            data.expansionCounts = new HashMap<>();
            counts.forEach((group, byPeriod) -> byPeriod.forEach((period, n) -> data.expansionCounts
                    .computeIfAbsent(grouped ? group : null, g -> new HashMap<>()).merge(period, n, Integer::sum)));
        }
        return data;
    }

    private SeriesData fromLedger(TenantId tenant, Periods periods, Map<Dimension, List<String>> filter,
            RevenueDimension groupBy) {
        boolean components = filter.containsKey(Dimension.PLAN) || groupBy == RevenueDimension.PLAN;
        boolean combine = components && groupBy != RevenueDimension.PLAN;
        SeriesData data = new SeriesData();
        data.expansionCounts = new HashMap<>();
        LocalDate from = periods.from();
        Map<String, Map<Integer, Set<String>>> expansions = new HashMap<>();
        MovementSink sink = (customer, day, kind, fromMrr, toMrr, group) -> {
            if (day.isBefore(from)) {
                SeriesData.Balance b = data.opening(group);
                b.mrr = b.mrr.add(toMrr.subtract(fromMrr));
                b.customers += (toMrr.signum() > 0 ? 1 : 0) - (fromMrr.signum() > 0 ? 1 : 0);
            } else {
                data.day(group, day).add(kind, fromMrr, toMrr);
                if (kind == MovementKind.EXPANSION) {
                    expansions.computeIfAbsent(group, g -> new HashMap<>())
                            .computeIfAbsent(periods.indexOf(day), p -> new HashSet<>()).add(customer);
                }
            }
        };
        if (combine) {
            Combiner combiner = new Combiner(groupBy, sink);
            queries.scan(tenant, true, new LedgerFilter(filter), periods.to(), combiner::accept);
            combiner.flush();
        } else {
            queries.scan(tenant, components, new LedgerFilter(filter), periods.to(),
                    m -> sink.accept(m.customerId(), m.day(), m.kind(), m.fromMrr(), m.toMrr(), Groups.key(groupBy, m)));
        }
        expansions.forEach((group, byPeriod) -> byPeriod.forEach((period, customers) -> data.expansionCounts
                .computeIfAbsent(group, g -> new HashMap<>()).put(period, customers.size())));
        return data;
    }

    @FunctionalInterface
    interface MovementSink {
        void accept(String customerId, LocalDate day, MovementKind kind, BigDecimal fromMrr, BigDecimal toMrr, String group);
    }

    /**
     * Sums a customer's matching plan components per day and classifies the changes of that sum, as the
     * engine classifies a whole customer's MRR.
     */
    private static final class Combiner {
        private final RevenueDimension groupBy;
        private final MovementSink sink;
        private String customer;
        private LocalDate day;
        private String group;
        private final Map<String, BigDecimal> byPlan = new HashMap<>();
        private BigDecimal previous = BigDecimal.ZERO;
        private boolean everPaid;
        private final List<StoredMovement> pendingDay = new ArrayList<>();

        Combiner(RevenueDimension groupBy, MovementSink sink) {
            this.groupBy = groupBy;
            this.sink = sink;
        }

        void accept(StoredMovement m) {
            if (!m.customerId().equals(customer)) {
                closeDay();
                customer = m.customerId();
                byPlan.clear();
                previous = BigDecimal.ZERO;
                everPaid = false;
            } else if (!m.day().equals(day)) {
                closeDay();
            }
            day = m.day();
            group = Groups.key(groupBy, m);
            pendingDay.add(m);
        }

        private void closeDay() {
            if (pendingDay.isEmpty()) {
                return;
            }
            for (StoredMovement m : pendingDay) {
                byPlan.put(m.planCode(), m.toMrr());
            }
            pendingDay.clear();
            BigDecimal total = byPlan.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            MovementKind kind = MovementKind.classify(previous, total, everPaid);
            if (kind != null) {
                sink.accept(customer, day, kind, previous, total, group);
            }
            if (total.signum() > 0) {
                everPaid = true;
            }
            previous = total;
        }

        void flush() {
            closeDay();
        }
    }
}
