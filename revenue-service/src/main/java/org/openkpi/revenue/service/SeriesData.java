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
        /** new, expansion, contraction, churn, reactivation: the order of {@link MovementKind}. */
        final BigDecimal[] mrr = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
        int newCustomers;
        int reactivatedCustomers;
        int churnedCustomers;

        BigDecimal net() {
            return mrr[0].add(mrr[1]).add(mrr[4]).subtract(mrr[2]).subtract(mrr[3]);
        }

        void add(MovementKind kind, BigDecimal from, BigDecimal to) {
            add(kind, from, to, 1);
        }

        /**
         * Adds ({@code sign} 1) or removes ({@code sign} -1) a movement from a to b: new and reactivation
         * count b, expansion b - a, contraction a - b, churn a (all positive), and the customer counts.
         */
        void add(MovementKind kind, BigDecimal from, BigDecimal to, int sign) {
            int slot = kind.ordinal();
            BigDecimal amount = switch (kind) {
                case NEW, REACTIVATION -> to;
                case EXPANSION -> to.subtract(from);
                case CONTRACTION -> from.subtract(to);
                case CHURN -> from;
            };
            mrr[slot] = mrr[slot].add(sign > 0 ? amount : amount.negate());
            switch (kind) {
                case NEW -> newCustomers += sign;
                case REACTIVATION -> reactivatedCustomers += sign;
                case CHURN -> churnedCustomers += sign;
                default -> {
                }
            }
        }

        /** Adds a rollup row's sums (mrr in new, expansion, contraction, churn, reactivation order). */
        void add(BigDecimal[] sums, int newCount, int reactivatedCount, int churnedCount) {
            for (int i = 0; i < 5; i++) {
                mrr[i] = mrr[i].add(sums[i]);
            }
            newCustomers += newCount;
            reactivatedCustomers += reactivatedCount;
            churnedCustomers += churnedCount;
        }

        boolean isZero() {
            for (BigDecimal b : mrr) {
                if (b.signum() != 0) {
                    return false;
                }
            }
            return newCustomers == 0 && reactivatedCustomers == 0 && churnedCustomers == 0;
        }

        void add(DaySums o) {
            add(o.mrr, o.newCustomers, o.reactivatedCustomers, o.churnedCustomers);
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
