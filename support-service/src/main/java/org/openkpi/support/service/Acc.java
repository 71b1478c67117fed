package org.openkpi.support.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sums per group, period and metric (n and total), and duration histograms (quantised seconds -> tickets),
 * filled either from rollup rows or from per-ticket contributions. The total's group key is "".
 */
final class Acc {

    static final String TOTAL = "";

    private final Map<String, Map<Integer, long[]>> counts = new LinkedHashMap<>();
    private final Map<String, Map<Integer, TreeMap<Long, Long>>> hists = new LinkedHashMap<>();

    private static int key(int period, short metric) {
        return period * 32 + metric;
    }

    void count(String group, int period, short metric, long n, long total) {
        long[] v = counts.computeIfAbsent(group, g -> new java.util.HashMap<>()).computeIfAbsent(key(period, metric), k -> new long[2]);
        v[0] += n;
        v[1] += total;
    }

    void hist(String group, int period, short metric, long qkey, long n) {
        hists.computeIfAbsent(group, g -> new java.util.HashMap<>()).computeIfAbsent(key(period, metric), k -> new TreeMap<>())
                .merge(qkey, n, Long::sum);
    }

    long n(String group, int period, short metric) {
        long[] v = counts.getOrDefault(group, Map.of()).get(key(period, metric));
        return v == null ? 0 : v[0];
    }

    long total(String group, int period, short metric) {
        long[] v = counts.getOrDefault(group, Map.of()).get(key(period, metric));
        return v == null ? 0 : v[1];
    }

    TreeMap<Long, Long> histogram(String group, int period, short metric) {
        TreeMap<Long, Long> h = hists.getOrDefault(group, Map.of()).get(key(period, metric));
        return h == null ? new TreeMap<>() : h;
    }

    /** Groups seen, sorted; a group whose counts are all zero (only withdrawn contributions) is left out. */
    TreeSet<String> groups() {
        TreeSet<String> out = new TreeSet<>();
        counts.forEach((g, m) -> {
            if (m.values().stream().anyMatch(v -> v[0] != 0 || v[1] != 0)) {
                out.add(g);
            }
        });
        hists.forEach((g, m) -> {
            if (m.values().stream().anyMatch(h -> h.values().stream().anyMatch(n -> n != 0))) {
                out.add(g);
            }
        });
        return out;
    }
}
