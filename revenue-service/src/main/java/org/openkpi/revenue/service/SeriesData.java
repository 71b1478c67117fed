package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.openkpi.revenue.engine.MovementKind;

/**
 * What an MRR series is computed from, per group: the balance before the range and the movement sums
 * of each day in it. A null group key is the total.
 */
final class SeriesData {

    static final class Balance {
        BigDecimal mrr = BigDecimal.ZERO;
        int customers;
    }

    static final class DaySums {
        final BigDecimal[] mrr = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
        int newCustomers;
        int reactivatedCustomers;
        int churnedCustomers;

        BigDecimal net() {
            return mrr[0].add(mrr[1]).add(mrr[4]).subtract(mrr[2]).subtract(mrr[3]);
        }

        void add(MovementKind kind, BigDecimal from, BigDecimal to) {
            switch (kind) {
                case NEW -> {
                    mrr[0] = mrr[0].add(to);
                    newCustomers++;
                }
                case EXPANSION -> mrr[1] = mrr[1].add(to.subtract(from));
                case CONTRACTION -> mrr[2] = mrr[2].add(from.subtract(to));
                case CHURN -> {
                    mrr[3] = mrr[3].add(from);
                    churnedCustomers++;
                }
                case REACTIVATION -> {
                    mrr[4] = mrr[4].add(to);
                    reactivatedCustomers++;
                }
            }
        }

        void add(DaySums o) {
            for (int i = 0; i < 5; i++) {
                mrr[i] = mrr[i].add(o.mrr[i]);
            }
            newCustomers += o.newCustomers;
            reactivatedCustomers += o.reactivatedCustomers;
            churnedCustomers += o.churnedCustomers;
        }
    }

    final Map<String, Balance> opening = new HashMap<>();
    final Map<String, TreeMap<LocalDate, DaySums>> days = new HashMap<>();
    /** group -> period index -> distinct customers with an expansion movement (null when not asked for). */
    Map<String, Map<Integer, Integer>> expansionCounts;

    Balance opening(String group) {
        return opening.computeIfAbsent(group, g -> new Balance());
    }

    DaySums day(String group, LocalDate day) {
        return days.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(day, d -> new DaySums());
    }

    Set<String> groups() {
        Set<String> groups = new HashSet<>(opening.keySet());
        groups.addAll(days.keySet());
        return groups;
    }
}
