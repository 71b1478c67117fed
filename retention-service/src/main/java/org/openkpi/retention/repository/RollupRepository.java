package org.openkpi.retention.repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.ledger.Contributions;
import org.openkpi.retention.ledger.Contributions.CohortSums;
import org.openkpi.retention.ledger.Contributions.DailySums;
import org.openkpi.retention.ledger.Contributions.YoungSums;
import org.openkpi.retention.ledger.Dim;
import org.openkpi.retention.tenant.TenantId;

/**
 * The rollup tables of the movement ledger: written as deltas (bulk COPY into a temporary table, then one
 * merging INSERT ... ON CONFLICT that adds), read as sums per dimension value.
 */
@ApplicationScoped
public class RollupRepository {

    /** Which rollup rows a query reads: one dimension, optionally restricted to some of its values. */
    public record Slice(Dim dim, List<String> values) {
        public static final Slice ALL = new Slice(Dim.ALL, null);
    }

    public record DailyRow(String value, LocalDate day, DailySums sums) {
    }

    public record CohortDeltaRow(String value, LocalDate cohortMonth, LocalDate month, CohortSums sums) {
    }

    private final Jdbc jdbc;

    public RollupRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    // ---- writes ------------------------------------------------------------------------------

    public void apply(TenantId tenant, Contributions delta) {
        String t = tenant.value();
        List<Map.Entry<Contributions.DayKey, DailySums>> daily = delta.daily().entrySet().stream()
                .filter(e -> !e.getValue().isZero()).toList();
        if (!daily.isEmpty()) {
            jdbc.update("CREATE TEMP TABLE IF NOT EXISTS tmp_retention_daily (LIKE retention_daily) ON COMMIT DELETE ROWS", ps -> {
            });
            jdbc.copyIn("tmp_retention_daily (tenant_id, dim, dim_value, day, paying_delta, mrr_delta, new_count, reactivation_count,"
                    + " churn_count, new_mrr, expansion_mrr, contraction_mrr, churn_mrr, reactivation_mrr)", daily, (row, e) -> {
                        DailySums s = e.getValue();
                        row.add(t).add(e.getKey().dim()).add(e.getKey().value()).add(e.getKey().day()).add(s.paying).add(s.mrr)
                                .add(s.newCount).add(s.reactivationCount).add(s.churnCount).add(s.newMrr).add(s.expansionMrr)
                                .add(s.contractionMrr).add(s.churnMrr).add(s.reactivationMrr);
                    });
            jdbc.update("""
                    INSERT INTO retention_daily SELECT * FROM tmp_retention_daily
                    ON CONFLICT (tenant_id, dim, dim_value, day) DO UPDATE SET
                      paying_delta = retention_daily.paying_delta + excluded.paying_delta,
                      mrr_delta = retention_daily.mrr_delta + excluded.mrr_delta,
                      new_count = retention_daily.new_count + excluded.new_count,
                      reactivation_count = retention_daily.reactivation_count + excluded.reactivation_count,
                      churn_count = retention_daily.churn_count + excluded.churn_count,
                      new_mrr = retention_daily.new_mrr + excluded.new_mrr,
                      expansion_mrr = retention_daily.expansion_mrr + excluded.expansion_mrr,
                      contraction_mrr = retention_daily.contraction_mrr + excluded.contraction_mrr,
                      churn_mrr = retention_daily.churn_mrr + excluded.churn_mrr,
                      reactivation_mrr = retention_daily.reactivation_mrr + excluded.reactivation_mrr
                    """, ps -> {
            });
            jdbc.update("DELETE FROM tmp_retention_daily", ps -> {
            });
        }
        List<Map.Entry<Contributions.YoungKey, YoungSums>> young = delta.young().entrySet().stream()
                .filter(e -> !e.getValue().isZero()).toList();
        if (!young.isEmpty()) {
            jdbc.update("CREATE TEMP TABLE IF NOT EXISTS tmp_retention_young (LIKE retention_young) ON COMMIT DELETE ROWS", ps -> {
            });
            jdbc.copyIn("tmp_retention_young (tenant_id, dim, dim_value, day, spell_start, age, churn_count, expansion_mrr,"
                    + " contraction_mrr, churn_mrr)", young, (row, e) -> {
                        YoungSums s = e.getValue();
                        row.add(t).add(e.getKey().dim()).add(e.getKey().value()).add(e.getKey().day()).add(e.getKey().spellStart())
                                .add(java.time.temporal.ChronoUnit.DAYS.between(e.getKey().spellStart(), e.getKey().day()))
                                .add(s.churnCount).add(s.expansionMrr).add(s.contractionMrr).add(s.churnMrr);
                    });
            jdbc.update("""
                    INSERT INTO retention_young SELECT * FROM tmp_retention_young
                    ON CONFLICT (tenant_id, dim, day, spell_start, dim_value) DO UPDATE SET
                      churn_count = retention_young.churn_count + excluded.churn_count,
                      expansion_mrr = retention_young.expansion_mrr + excluded.expansion_mrr,
                      contraction_mrr = retention_young.contraction_mrr + excluded.contraction_mrr,
                      churn_mrr = retention_young.churn_mrr + excluded.churn_mrr
                    """, ps -> {
            });
            jdbc.update("DELETE FROM tmp_retention_young", ps -> {
            });
        }
        List<Map.Entry<Contributions.CohortKey, CohortSums>> cohort = delta.cohort().entrySet().stream()
                .filter(e -> !e.getValue().isZero()).toList();
        if (!cohort.isEmpty()) {
            jdbc.update("CREATE TEMP TABLE IF NOT EXISTS tmp_cohort_delta (LIKE cohort_delta) ON COMMIT DELETE ROWS", ps -> {
            });
            jdbc.copyIn("tmp_cohort_delta (tenant_id, dim, dim_value, cohort_month, month, customers, paying_delta, mrr_delta)",
                    cohort, (row, e) -> {
                        CohortSums s = e.getValue();
                        row.add(t).add(e.getKey().dim()).add(e.getKey().value()).add(e.getKey().cohortMonth())
                                .add(e.getKey().month()).add(s.customers).add(s.paying).add(s.mrr);
                    });
            jdbc.update("""
                    INSERT INTO cohort_delta SELECT * FROM tmp_cohort_delta
                    ON CONFLICT (tenant_id, dim, dim_value, cohort_month, month) DO UPDATE SET
                      customers = cohort_delta.customers + excluded.customers,
                      paying_delta = cohort_delta.paying_delta + excluded.paying_delta,
                      mrr_delta = cohort_delta.mrr_delta + excluded.mrr_delta
                    """, ps -> {
            });
            jdbc.update("DELETE FROM tmp_cohort_delta", ps -> {
            });
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    private static int bindSlice(PreparedStatement ps, int index, TenantId tenant, Slice slice) throws SQLException {
        ps.setString(index++, tenant.value());
        ps.setString(index++, slice.dim().name());
        if (slice.values() == null) {
            ps.setNull(index++, java.sql.Types.ARRAY);
            ps.setNull(index++, java.sql.Types.ARRAY);
        } else {
            Jdbc.setTextArray(ps, index++, slice.values());
            Jdbc.setTextArray(ps, index++, slice.values());
        }
        return index;
    }

    private static final String SLICE = " tenant_id = ? AND dim = ? AND (?::text[] IS NULL OR dim_value = ANY(?::text[])) ";

    /** Per dimension value: paying customers and MRR at the start of {@code day} (sum of every earlier day). */
    public Map<String, Object[]> opening(TenantId tenant, Slice slice, LocalDate day) {
        Map<String, Object[]> out = new HashMap<>();
        jdbc.each("SELECT dim_value, sum(paying_delta), sum(mrr_delta) FROM retention_daily WHERE" + SLICE
                + "AND day < ? GROUP BY dim_value", ps -> {
                    int i = bindSlice(ps, 1, tenant, slice);
                    ps.setDate(i, Date.valueOf(day));
                }, rs -> out.put(rs.getString(1), new Object[] { rs.getLong(2), rs.getBigDecimal(3) }));
        return out;
    }

    /** The daily rows of [from, to), ordered by day. */
    public List<DailyRow> daily(TenantId tenant, Slice slice, LocalDate from, LocalDate to) {
        List<DailyRow> out = new ArrayList<>();
        jdbc.each("""
                SELECT dim_value, day, paying_delta, mrr_delta, new_count, reactivation_count, churn_count, new_mrr, expansion_mrr,
                  contraction_mrr, churn_mrr, reactivation_mrr FROM retention_daily WHERE""" + SLICE + "AND day >= ? AND day < ? ORDER BY day",
                ps -> {
                    int i = bindSlice(ps, 1, tenant, slice);
                    ps.setDate(i++, Date.valueOf(from));
                    ps.setDate(i, Date.valueOf(to));
                }, rs -> {
                    DailySums s = new DailySums();
                    s.paying = rs.getLong(3);
                    s.mrr = rs.getBigDecimal(4);
                    s.newCount = rs.getLong(5);
                    s.reactivationCount = rs.getLong(6);
                    s.churnCount = rs.getLong(7);
                    s.newMrr = rs.getBigDecimal(8);
                    s.expansionMrr = rs.getBigDecimal(9);
                    s.contractionMrr = rs.getBigDecimal(10);
                    s.churnMrr = rs.getBigDecimal(11);
                    s.reactivationMrr = rs.getBigDecimal(12);
                    out.add(new DailyRow(rs.getString(1), rs.getDate(2).toLocalDate(), s));
                });
        return out;
    }

    public record YoungRow(String value, LocalDate day, LocalDate spellStart, YoungSums sums) {
    }

    /**
     * The young rows whose spell started in [from, to) at most {@code maxAge} days before their day: every row a
     * series over [from, to) whose periods are at most maxAge + 1 days long can have to exclude. One index range
     * (tenant, dim, age, spell start), so the read grows with the spells that move soon after starting, not with
     * the ledger.
     */
    public List<YoungRow> young(TenantId tenant, Slice slice, LocalDate from, LocalDate to, int maxAge) {
        List<YoungRow> out = new ArrayList<>();
        jdbc.each("""
                SELECT dim_value, day, spell_start, churn_count, expansion_mrr, contraction_mrr, churn_mrr FROM retention_young
                WHERE""" + SLICE + "AND age <= ? AND spell_start >= ? AND spell_start < ? AND day < ?", ps -> {
            int i = bindSlice(ps, 1, tenant, slice);
            ps.setInt(i++, maxAge);
            ps.setDate(i++, Date.valueOf(from));
            ps.setDate(i++, Date.valueOf(to));
            ps.setDate(i, Date.valueOf(to));
        }, rs -> {
            YoungSums s = new YoungSums();
            s.churnCount = rs.getLong(4);
            s.expansionMrr = rs.getBigDecimal(5);
            s.contractionMrr = rs.getBigDecimal(6);
            s.churnMrr = rs.getBigDecimal(7);
            out.add(new YoungRow(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), s));
        });
        return out;
    }

    /** Cohort deltas of the cohorts whose month is in [fromMonth, toMonth), months up to (excluding) {@code monthsBefore}. */
    public List<CohortDeltaRow> cohorts(TenantId tenant, Slice slice, LocalDate fromMonth, LocalDate toMonth, LocalDate monthsBefore) {
        List<CohortDeltaRow> out = new ArrayList<>();
        jdbc.each("SELECT dim_value, cohort_month, month, customers, paying_delta, mrr_delta FROM cohort_delta WHERE" + SLICE
                + "AND cohort_month >= ? AND cohort_month < ? AND month < ? ORDER BY cohort_month, month", ps -> {
                    int i = bindSlice(ps, 1, tenant, slice);
                    ps.setDate(i++, Date.valueOf(fromMonth));
                    ps.setDate(i++, Date.valueOf(toMonth));
                    ps.setDate(i, Date.valueOf(monthsBefore));
                }, rs -> {
                    CohortSums s = new CohortSums();
                    s.customers = rs.getLong(4);
                    s.paying = rs.getLong(5);
                    s.mrr = rs.getBigDecimal(6);
                    out.add(new CohortDeltaRow(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), s));
                });
        return out;
    }

    static BigDecimal zeroIfNull(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
