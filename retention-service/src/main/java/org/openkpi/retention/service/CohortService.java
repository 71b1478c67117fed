package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.error.ErrorCode;
import org.openkpi.retention.api.model.CohortCell;
import org.openkpi.retention.api.model.CohortRow;
import org.openkpi.retention.api.model.CohortTable;
import org.openkpi.retention.api.model.Period;
import org.openkpi.retention.api.model.RetentionFilterInput;
import org.openkpi.retention.repository.RollupRepository;
import org.openkpi.retention.repository.RollupRepository.CohortDeltaRow;
import org.openkpi.retention.repository.RollupRepository.Slice;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.tenant.TenantId;

/**
 * Cohort tables by first-payment month from cohort_delta: per cohort, the change of its paying customers and
 * MRR at the end of each month; prefix sums give the state at the end of every month offset. Reads at most
 * (cohorts x months) rows.
 */
@ApplicationScoped
public class CohortService {

    public static final int MAX_COHORTS = 240;

    private final RollupRepository rollups;
    private final SettingsRepository settings;

    public CohortService(RollupRepository rollups, SettingsRepository settings) {
        this.rollups = rollups;
        this.settings = settings;
    }

    public CohortTable table(TenantId tenant, LocalDate from, LocalDate to, LocalDate asOf, Integer maxOffset,
            RetentionFilterInput filter) {
        if (!from.isBefore(to)) {
            throw ApiException.validation("cohorts", "from (" + from + ") must be before to (" + to + ")");
        }
        if (maxOffset != null && maxOffset < 0) {
            throw ApiException.validation("maxOffset", "must not be negative");
        }
        LocalDate first = from.withDayOfMonth(1);
        LocalDate limit = asOf.withDayOfMonth(1); // months before it have ended by asOf
        long cohortCount = ChronoUnit.MONTHS.between(first, to.minusDays(1).withDayOfMonth(1)) + 1;
        if (cohortCount > MAX_COHORTS) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "at most " + MAX_COHORTS + " cohorts per table", null, "cohorts");
        }
        Slice slice = Slices.of(filter, null);
        String currency = settings.find(tenant).currency();
        TreeMap<LocalDate, TreeMap<LocalDate, long[]>> counts = new TreeMap<>();
        TreeMap<LocalDate, TreeMap<LocalDate, BigDecimal>> mrr = new TreeMap<>();
        for (CohortDeltaRow r : rollups.cohorts(tenant, slice, first, to, limit)) {
            long[] c = counts.computeIfAbsent(r.cohortMonth(), k -> new TreeMap<>()).computeIfAbsent(r.month(), k -> new long[2]);
            c[0] += r.sums().customers;
            c[1] += r.sums().paying;
            mrr.computeIfAbsent(r.cohortMonth(), k -> new TreeMap<>()).merge(r.month(), r.sums().mrr, BigDecimal::add);
        }
        List<CohortRow> rows = new ArrayList<>();
        int widest = 0;
        for (LocalDate cohort = first; cohort.isBefore(to) && cohort.isBefore(limit); cohort = cohort.plusMonths(1)) {
            TreeMap<LocalDate, long[]> c = counts.getOrDefault(cohort, new TreeMap<>());
            TreeMap<LocalDate, BigDecimal> m = mrr.getOrDefault(cohort, new TreeMap<>());
            long customers = c.values().stream().mapToLong(v -> v[0]).sum();
            long paying = 0;
            BigDecimal amount = BigDecimal.ZERO;
            BigDecimal initial = null;
            List<CohortCell> cells = new ArrayList<>();
            for (int k = 0; ; k++) {
                LocalDate month = cohort.plusMonths(k);
                if (!month.isBefore(limit) || (maxOffset != null && k > maxOffset)) {
                    break;
                }
                long[] delta = c.get(month);
                if (delta != null) {
                    paying += delta[1];
                }
                BigDecimal md = m.get(month);
                if (md != null) {
                    amount = amount.add(md);
                }
                if (k == 0) {
                    initial = amount;
                }
                cells.add(new CohortCell(k, new Period(month, month.plusMonths(1)), (int) paying,
                        RetentionQueryService.money(amount, currency),
                        Ratios.of(paying, customers, "empty cohort"),
                        Ratios.of(amount, initial, "no MRR at the end of the cohort's first month")));
            }
            widest = Math.max(widest, cells.size() - 1);
            rows.add(new CohortRow(new Period(cohort, cohort.plusMonths(1)), (int) customers,
                    RetentionQueryService.money(initial == null ? BigDecimal.ZERO : initial, currency), cells));
        }
        return new CohortTable(asOf, Math.max(widest, 0), rows);
    }
}
