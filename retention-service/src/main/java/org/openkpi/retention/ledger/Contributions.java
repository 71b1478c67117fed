package org.openkpi.retention.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openkpi.retention.feed.Cursors;

/**
 * What customers' ledgers contribute to the rollup tables. Every rollup row is the sum of the
 * contributions of the customers it covers, so when a customer's ledger changes the tables are
 * adjusted by (new contribution - old contribution): {@link #add} with sign -1 for the old ledger and
 * +1 for the new one. The contribution of one customer:
 * <ul>
 * <li>daily: per movement day, the movement by kind, the change of MRR and of paying (+1 for NEW and
 * REACTIVATION, -1 for CHURN);</li>
 * <li>young: expansion, contraction and churn movements at most {@value #YOUNG_DAYS} days after the start
 * of their paying spell (the last NEW or REACTIVATION), keyed by day and spell start;</li>
 * <li>cohort: for the first-payment month's cohort, the change of the customer's MRR and paying state at
 * the end of each month with a movement, and cohort size 1 in the cohort month.</li>
 * </ul>
 * All of it under each dimension, with the customer's current attributes (those of its latest feed entry).
 */
public final class Contributions {

    /** Periods are at most 366 days long, so an older spell always started before the period. */
    public static final int YOUNG_DAYS = 366;

    public record DayKey(Dim dim, String value, LocalDate day) {
    }

    public record YoungKey(Dim dim, String value, LocalDate day, LocalDate spellStart) {
    }

    public record CohortKey(Dim dim, String value, LocalDate cohortMonth, LocalDate month) {
    }

    public static final class DailySums {
        public long paying, newCount, reactivationCount, churnCount;
        public BigDecimal mrr = BigDecimal.ZERO, newMrr = BigDecimal.ZERO, expansionMrr = BigDecimal.ZERO,
                contractionMrr = BigDecimal.ZERO, churnMrr = BigDecimal.ZERO, reactivationMrr = BigDecimal.ZERO;

        void add(LedgerRow m, int sign) {
            BigDecimal s = BigDecimal.valueOf(sign);
            mrr = mrr.add(m.toMrr().subtract(m.fromMrr()).multiply(s));
            switch (m.kind()) {
                case "NEW" -> {
                    newCount += sign;
                    paying += sign;
                    newMrr = newMrr.add(m.toMrr().multiply(s));
                }
                case "REACTIVATION" -> {
                    reactivationCount += sign;
                    paying += sign;
                    reactivationMrr = reactivationMrr.add(m.toMrr().multiply(s));
                }
                case "CHURN" -> {
                    churnCount += sign;
                    paying -= sign;
                    churnMrr = churnMrr.add(m.fromMrr().multiply(s));
                }
                case "EXPANSION" -> expansionMrr = expansionMrr.add(m.toMrr().subtract(m.fromMrr()).multiply(s));
                case "CONTRACTION" -> contractionMrr = contractionMrr.add(m.fromMrr().subtract(m.toMrr()).multiply(s));
                default -> throw new IllegalArgumentException("unknown movement kind " + m.kind());
            }
        }

        public boolean isZero() {
            return paying == 0 && newCount == 0 && reactivationCount == 0 && churnCount == 0 && mrr.signum() == 0
                    && newMrr.signum() == 0 && expansionMrr.signum() == 0 && contractionMrr.signum() == 0
                    && churnMrr.signum() == 0 && reactivationMrr.signum() == 0;
        }
    }

    public static final class YoungSums {
        public long churnCount;
        public BigDecimal expansionMrr = BigDecimal.ZERO, contractionMrr = BigDecimal.ZERO, churnMrr = BigDecimal.ZERO;

        void add(LedgerRow m, int sign) {
            BigDecimal s = BigDecimal.valueOf(sign);
            switch (m.kind()) {
                case "CHURN" -> {
                    churnCount += sign;
                    churnMrr = churnMrr.add(m.fromMrr().multiply(s));
                }
                case "EXPANSION" -> expansionMrr = expansionMrr.add(m.toMrr().subtract(m.fromMrr()).multiply(s));
                case "CONTRACTION" -> contractionMrr = contractionMrr.add(m.fromMrr().subtract(m.toMrr()).multiply(s));
                default -> {
                }
            }
        }

        public boolean isZero() {
            return churnCount == 0 && expansionMrr.signum() == 0 && contractionMrr.signum() == 0 && churnMrr.signum() == 0;
        }
    }

    public static final class CohortSums {
        public long customers, paying;
        public BigDecimal mrr = BigDecimal.ZERO;

        public boolean isZero() {
            return customers == 0 && paying == 0 && mrr.signum() == 0;
        }
    }

    private final Map<DayKey, DailySums> daily = new HashMap<>();
    private final Map<YoungKey, YoungSums> young = new HashMap<>();
    private final Map<CohortKey, CohortSums> cohort = new HashMap<>();

    public Map<DayKey, DailySums> daily() {
        return daily;
    }

    public Map<YoungKey, YoungSums> young() {
        return young;
    }

    public Map<CohortKey, CohortSums> cohort() {
        return cohort;
    }

    /** Orders one customer's ledger by day, then feed order. */
    public static List<LedgerRow> sorted(List<LedgerRow> ledger) {
        List<LedgerRow> rows = new ArrayList<>(ledger);
        rows.sort((a, b) -> {
            int c = a.day().compareTo(b.day());
            return c != 0 ? c : Cursors.ORDER.compare(a.cursor(), b.cursor());
        });
        return rows;
    }

    /** The customer's current attributes: those of its latest feed entry. */
    public static LedgerRow latest(List<LedgerRow> ledger) {
        LedgerRow latest = null;
        for (LedgerRow r : ledger) {
            if (latest == null || Cursors.ORDER.compare(r.cursor(), latest.cursor()) > 0) {
                latest = r;
            }
        }
        return latest;
    }

    /** Adds (sign +1) or removes (sign -1) one customer's contribution; {@code ledger} must be {@link #sorted}. */
    public void add(List<LedgerRow> ledger, int sign) {
        if (ledger.isEmpty()) {
            return;
        }
        LedgerRow attributes = latest(ledger);
        Dim[] dims = Dim.values();
        String[] values = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            values[i] = dims[i].valueOf(attributes);
        }
        LocalDate spellStart = null;
        LocalDate cohortMonth = null;
        for (LedgerRow m : ledger) {
            if (m.starts()) {
                spellStart = m.day();
                if (cohortMonth == null) {
                    cohortMonth = m.day().withDayOfMonth(1);
                }
            }
            for (int i = 0; i < dims.length; i++) {
                daily.computeIfAbsent(new DayKey(dims[i], values[i], m.day()), k -> new DailySums()).add(m, sign);
            }
            if (!m.starts() && spellStart != null && ChronoUnit.DAYS.between(spellStart, m.day()) <= YOUNG_DAYS) {
                for (int i = 0; i < dims.length; i++) {
                    young.computeIfAbsent(new YoungKey(dims[i], values[i], m.day(), spellStart), k -> new YoungSums()).add(m, sign);
                }
            }
        }
        if (cohortMonth == null) {
            return;
        }
        // end-of-month state from the cohort month on
        BigDecimal previous = BigDecimal.ZERO;
        int i = 0;
        while (i < ledger.size() && ledger.get(i).day().isBefore(cohortMonth)) {
            i++;
        }
        boolean first = true;
        while (i < ledger.size()) {
            LocalDate month = ledger.get(i).day().withDayOfMonth(1);
            BigDecimal end = previous;
            while (i < ledger.size() && ledger.get(i).day().withDayOfMonth(1).equals(month)) {
                end = ledger.get(i).toMrr();
                i++;
            }
            long payingDelta = (end.signum() > 0 ? 1 : 0) - (previous.signum() > 0 ? 1 : 0);
            BigDecimal mrrDelta = end.subtract(previous);
            if (first || payingDelta != 0 || mrrDelta.signum() != 0) {
                for (int d = 0; d < dims.length; d++) {
                    CohortSums s = cohort.computeIfAbsent(new CohortKey(dims[d], values[d], cohortMonth, month), k -> new CohortSums());
                    if (first) {
                        s.customers += sign;
                    }
                    s.paying += sign * payingDelta;
                    s.mrr = s.mrr.add(mrrDelta.multiply(BigDecimal.valueOf(sign)));
                }
            }
            first = false;
            previous = end;
        }
    }
}
