package org.openkpi.support.repository;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.openkpi.support.engine.Contribution;
import org.openkpi.support.engine.Dim;

/**
 * Changes to the rollups accumulated in memory while a batch re-derives its tickets (old contributions
 * subtracted, new ones added), then written with one upsert per distinct row. Every contribution goes to
 * each dimension and to both grains (the day, and the month holding it).
 */
public final class RollupDelta {

    record CountKey(short dim, short metric, char grain, String value, LocalDate bucket) {
    }

    record HistKey(short dim, short metric, char grain, String value, LocalDate bucket, long qkey) {
    }

    final Map<CountKey, long[]> counts = new HashMap<>();
    final Map<HistKey, long[]> hists = new HashMap<>();

    public void add(Contribution c, String[] dimValues, int sign) {
        for (short dim = 0; dim < Dim.COUNT; dim++) {
            String value = dimValues[dim];
            count(new CountKey(dim, c.metric(), 'D', value, c.day()), c, sign);
            count(new CountKey(dim, c.metric(), 'M', value, c.day().withDayOfMonth(1)), c, sign);
            if (c.qkey() >= 0) {
                hists.computeIfAbsent(new HistKey(dim, c.metric(), 'D', value, c.day(), c.qkey()), k -> new long[1])[0] += sign;
                hists.computeIfAbsent(new HistKey(dim, c.metric(), 'M', value, c.day().withDayOfMonth(1), c.qkey()),
                        k -> new long[1])[0] += sign;
            }
        }
    }

    private void count(CountKey key, Contribution c, int sign) {
        long[] v = counts.computeIfAbsent(key, k -> new long[2]);
        v[0] += sign * c.n();
        v[1] += sign * c.total();
    }

    public boolean isEmpty() {
        return counts.isEmpty() && hists.isEmpty();
    }
}
