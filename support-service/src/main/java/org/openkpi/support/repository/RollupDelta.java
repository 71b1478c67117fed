package org.openkpi.support.repository;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.openkpi.support.engine.Contribution;
import org.openkpi.support.engine.Dim;

/**
 * Changes to the rollups accumulated in memory while a batch re-derives its tickets (old contributions
 * subtracted, new ones added), then merged into the stored rows once per distinct row. Every contribution
 * goes to each dimension and to both grains (the day, and the month holding it).
 */
public final class RollupDelta {

    /** A rollup row's identity within the tenant. */
    public record Key(short dim, short metric, String grain, String value, LocalDate bucket) {
    }

    /** The change of one row: n, total and histogram counts per quantised value. */
    static final class Change {
        long n;
        long total;
        Map<Long, Long> hist;

        boolean isZero() {
            return n == 0 && total == 0 && (hist == null || hist.values().stream().allMatch(v -> v == 0));
        }
    }

    final Map<Key, Change> changes = new HashMap<>();

    public void add(Contribution c, String[] dimValues, int sign) {
        LocalDate month = c.day().withDayOfMonth(1);
        for (short dim = 0; dim < Dim.COUNT; dim++) {
            change(new Key(dim, c.metric(), "D", dimValues[dim], c.day()), c, sign);
            change(new Key(dim, c.metric(), "M", dimValues[dim], month), c, sign);
        }
    }

    private void change(Key key, Contribution c, int sign) {
        Change ch = changes.computeIfAbsent(key, k -> new Change());
        ch.n += sign * c.n();
        ch.total += sign * c.total();
        if (c.qkey() >= 0) {
            if (ch.hist == null) {
                ch.hist = new HashMap<>();
            }
            ch.hist.merge(c.qkey(), (long) sign, Long::sum);
        }
    }

    public boolean isEmpty() {
        return changes.values().stream().allMatch(Change::isZero);
    }
}
