package org.openkpi.support.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import org.openkpi.support.api.model.Duration;

/**
 * Mean from the exact sum; median and p90 as percentile_cont (linear interpolation between the two
 * nearest ranks) over the quantised histogram. Values in hours, rounded to 6 decimals.
 */
final class DurationStats {

    private DurationStats() {
    }

    static Duration of(long n, long totalSeconds, TreeMap<Long, Long> histogram, String unit) {
        if (n <= 0) {
            return new Duration(null, null, null, unit);
        }
        return new Duration(hours(BigDecimal.valueOf(totalSeconds).divide(BigDecimal.valueOf(n), 12, RoundingMode.HALF_UP)),
                percentile(histogram, 0.5, unit), percentile(histogram, 0.9, unit), unit);
    }

    private static Double percentile(TreeMap<Long, Long> histogram, double p, String unit) {
        long count = 0;
        for (long c : histogram.values()) {
            count += c;
        }
        if (count <= 0) {
            return null;
        }
        double rank = p * (count - 1);
        long lo = (long) Math.floor(rank);
        long hi = (long) Math.ceil(rank);
        double a = valueAt(histogram, lo);
        double b = valueAt(histogram, hi);
        return hours(BigDecimal.valueOf(a + (b - a) * (rank - lo)));
    }

    /** The value of the k-th (0-based) smallest duration. */
    private static double valueAt(TreeMap<Long, Long> histogram, long k) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (k < seen) {
                return e.getKey();
            }
        }
        return histogram.lastKey();
    }

    private static Double hours(BigDecimal seconds) {
        return seconds.divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP).doubleValue();
    }
}
