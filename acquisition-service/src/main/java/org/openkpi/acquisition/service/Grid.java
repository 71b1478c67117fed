package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openkpi.acquisition.repository.QueryRepository.Bucket;

/** Sums per group, metric and period; the total (group null) always has every period, groups only when seen. */
final class Grid {

    private final Periods periods;
    private final int metrics;
    private final boolean grouped;
    private final Map<String, BigDecimal[][]> cells = new TreeMap<>();
    private BigDecimal[][] total;

    Grid(Periods periods, int metrics, boolean grouped) {
        this.periods = periods;
        this.metrics = metrics;
        this.grouped = grouped;
        if (!grouped) {
            total = empty();
        }
    }

    private BigDecimal[][] empty() {
        BigDecimal[][] a = new BigDecimal[metrics][periods.size()];
        for (BigDecimal[] row : a) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        return a;
    }

    private BigDecimal[][] row(String group) {
        return grouped ? cells.computeIfAbsent(group == null ? "" : group, g -> empty()) : total;
    }

    /** Adds to the period holding {@code day} (ignored outside the range). */
    void add(String group, LocalDate day, int metric, BigDecimal value) {
        int p = periods.indexOf(day.isBefore(periods.from()) ? periods.from() : day);
        if (p >= 0) {
            row(group)[metric][p] = row(group)[metric][p].add(value);
        }
    }

    void add(String group, LocalDate day, int metric, long value) {
        add(group, day, metric, BigDecimal.valueOf(value));
    }

    /** Adds rollup buckets, whose sums are metrics {@code firstMetric}, {@code firstMetric + 1}, ... */
    void addBuckets(List<Bucket> buckets, int firstMetric) {
        for (Bucket b : buckets) {
            for (int m = 0; m < b.sums().length; m++) {
                add(b.group(), b.start(), firstMetric + m, b.sums()[m]);
            }
        }
    }

    /** Makes the group exist (so it is reported even without data of some metric). */
    void touch(String group) {
        row(group);
    }

    record Cell(int period, String group, BigDecimal[] values) {
        long count(int metric) {
            return values[metric].longValue();
        }

        BigDecimal sum(int metric) {
            return values[metric];
        }
    }

    /** Cells by period, then group. */
    List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            if (!grouped) {
                out.add(cell(p, null, total));
            } else {
                for (Map.Entry<String, BigDecimal[][]> e : cells.entrySet()) {
                    out.add(cell(p, e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }

    private Cell cell(int p, String group, BigDecimal[][] a) {
        BigDecimal[] v = new BigDecimal[metrics];
        for (int m = 0; m < metrics; m++) {
            v[m] = a[m][p];
        }
        return new Cell(p, group, v);
    }
}
