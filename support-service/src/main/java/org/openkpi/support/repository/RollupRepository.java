package org.openkpi.support.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.tenant.TenantId;

/** Reads and writes rollup_count and rollup_hist. */
@ApplicationScoped
public class RollupRepository {

    /** A rollup_count row. */
    public record CountRow(short metric, String value, LocalDate bucket, long n, long total) {
    }

    /** A rollup_hist row. */
    public record HistRow(String value, LocalDate bucket, long qkey, long n) {
    }

    private final Jdbc jdbc;

    public RollupRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the delta; rows are written in key order (the tenant lock already serialises writers). */
    public void apply(TenantId tenant, RollupDelta delta) {
        List<Map.Entry<RollupDelta.CountKey, long[]>> counts = new ArrayList<>(delta.counts.entrySet());
        counts.removeIf(e -> e.getValue()[0] == 0 && e.getValue()[1] == 0);
        counts.sort(Map.Entry.comparingByKey(Comparator.comparing(RollupDelta.CountKey::dim)
                .thenComparing(RollupDelta.CountKey::metric).thenComparing(RollupDelta.CountKey::grain)
                .thenComparing(RollupDelta.CountKey::value).thenComparing(RollupDelta.CountKey::bucket)));
        jdbc.batch("""
                INSERT INTO rollup_count AS r (tenant_id, dim, metric, grain, dim_value, bucket, n, total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, dim, metric, grain, dim_value, bucket)
                DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total
                """, counts, (ps, e) -> {
            RollupDelta.CountKey k = e.getKey();
            ps.setString(1, tenant.value());
            ps.setShort(2, k.dim());
            ps.setShort(3, k.metric());
            ps.setString(4, String.valueOf(k.grain()));
            ps.setString(5, k.value());
            ps.setObject(6, k.bucket());
            ps.setLong(7, e.getValue()[0]);
            ps.setLong(8, e.getValue()[1]);
        });
        List<Map.Entry<RollupDelta.HistKey, long[]>> hists = new ArrayList<>(delta.hists.entrySet());
        hists.removeIf(e -> e.getValue()[0] == 0);
        hists.sort(Map.Entry.comparingByKey(Comparator.comparing(RollupDelta.HistKey::dim)
                .thenComparing(RollupDelta.HistKey::metric).thenComparing(RollupDelta.HistKey::grain)
                .thenComparing(RollupDelta.HistKey::value).thenComparing(RollupDelta.HistKey::bucket)
                .thenComparing(RollupDelta.HistKey::qkey)));
        jdbc.batch("""
                INSERT INTO rollup_hist AS r (tenant_id, dim, metric, grain, dim_value, bucket, qkey, n)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, dim, metric, grain, dim_value, bucket, qkey)
                DO UPDATE SET n = r.n + excluded.n
                """, hists, (ps, e) -> {
            RollupDelta.HistKey k = e.getKey();
            ps.setString(1, tenant.value());
            ps.setShort(2, k.dim());
            ps.setShort(3, k.metric());
            ps.setString(4, String.valueOf(k.grain()));
            ps.setString(5, k.value());
            ps.setObject(6, k.bucket());
            ps.setLong(7, k.qkey());
            ps.setLong(8, e.getValue()[0]);
        });
    }

    public void deleteAll(TenantId tenant) {
        jdbc.update("DELETE FROM rollup_count WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()));
        jdbc.update("DELETE FROM rollup_hist WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()));
    }

    /**
     * Count rows of some metrics for one dimension and grain with bucket in [from, to); {@code value} null
     * means every value of the dimension.
     */
    public List<CountRow> counts(TenantId tenant, short dim, short[] metrics, char grain, String value, LocalDate from,
            LocalDate to) {
        Short[] boxed = new Short[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            boxed[i] = metrics[i];
        }
        return jdbc.list("SELECT metric, dim_value, bucket, n, total FROM rollup_count WHERE tenant_id = ? AND dim = ?"
                + " AND metric = ANY(?) AND grain = ? AND bucket >= ? AND bucket < ?" + (value == null ? "" : " AND dim_value = ?"),
                ps -> {
                    ps.setString(1, tenant.value());
                    ps.setShort(2, dim);
                    ps.setArray(3, ps.getConnection().createArrayOf("int2", boxed));
                    ps.setString(4, String.valueOf(grain));
                    ps.setObject(5, from);
                    ps.setObject(6, to);
                    if (value != null) {
                        ps.setString(7, value);
                    }
                },
                rs -> new CountRow(rs.getShort(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4), rs.getLong(5)));
    }

    /** Histogram rows of one metric, like {@link #counts}. */
    public List<HistRow> hist(TenantId tenant, short dim, short metric, char grain, String value, LocalDate from, LocalDate to) {
        return jdbc.list("SELECT dim_value, bucket, qkey, n FROM rollup_hist WHERE tenant_id = ? AND dim = ? AND metric = ?"
                + " AND grain = ? AND bucket >= ? AND bucket < ? AND n <> 0" + (value == null ? "" : " AND dim_value = ?"),
                ps -> {
                    ps.setString(1, tenant.value());
                    ps.setShort(2, dim);
                    ps.setShort(3, metric);
                    ps.setString(4, String.valueOf(grain));
                    ps.setObject(5, from);
                    ps.setObject(6, to);
                    if (value != null) {
                        ps.setString(7, value);
                    }
                },
                rs -> new HistRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4)));
    }

    /** Sum of OPEN_DELTA totals for a dimension with bucket before {@code before}, per dimension value. */
    public Map<String, Long> openBefore(TenantId tenant, short dim, short metric, LocalDate before) {
        Map<String, Long> out = new java.util.HashMap<>();
        LocalDate monthStart = before.withDayOfMonth(1);
        jdbc.each("""
                SELECT dim_value, sum(total) FROM rollup_count WHERE tenant_id = ? AND dim = ? AND metric = ?
                  AND ((grain = 'M' AND bucket < ?) OR (grain = 'D' AND bucket >= ? AND bucket < ?))
                GROUP BY dim_value
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setShort(2, dim);
            ps.setShort(3, metric);
            ps.setObject(4, monthStart);
            ps.setObject(5, monthStart);
            ps.setObject(6, before);
        }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }
}
