package org.openkpi.acquisition.service;

import java.util.List;

import org.openkpi.acquisition.api.model.Duration;

/** Mean, median and p90 (linear interpolation between closest ranks, like PostgreSQL's percentile_cont). */
final class Stats {

    private Stats() {
    }

    static Duration duration(List<Double> values, String unit) {
        if (values.isEmpty()) {
            return new Duration(null, null, null, unit);
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return new Duration(round(sum / v.length), round(percentile(v, 0.5)), round(percentile(v, 0.9)), unit);
    }

    static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    static Double round(double v) {
        return Math.round(v * 1_000_000d) / 1_000_000d;
    }
}
