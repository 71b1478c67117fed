package org.openkpi.support.repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.tenant.TenantId;

/**
 * Reads and writes the rollup table. A write loads the rows a delta touches, merges the delta in memory
 * (sums, and histograms as sorted arrays) and writes the merged rows back with one COPY into a
 * transaction-local staging table and one INSERT .. ON CONFLICT DO UPDATE.
 */
@ApplicationScoped
public class RollupRepository {

    /** A rollup row; qkeys/qcounts are empty for a metric without a histogram or when not read. */
    public record Row(short metric, String value, LocalDate bucket, long n, long total, long[] qkeys, long[] qcounts) {
    }

    private static final long[] NONE = {};

    private final Jdbc jdbc;

    public RollupRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(TenantId tenant, RollupDelta delta) {
        List<RollupDelta.Key> keys = new ArrayList<>();
        delta.changes.forEach((k, ch) -> {
            if (!ch.isZero()) {
                keys.add(k);
            }
        });
        if (keys.isEmpty()) {
            return;
        }
        Map<RollupDelta.Key, Row> stored = load(tenant, keys);
        List<Object[]> merged = new ArrayList<>(keys.size());
        for (RollupDelta.Key k : keys) {
            RollupDelta.Change ch = delta.changes.get(k);
            Row old = stored.get(k);
            long n = ch.n + (old == null ? 0 : old.n());
            long total = ch.total + (old == null ? 0 : old.total());
            String keysText = null;
            String countsText = null;
            if (ch.hist != null || (old != null && old.qkeys().length > 0)) {
                TreeMap<Long, Long> hist = new TreeMap<>();
                if (old != null) {
                    for (int i = 0; i < old.qkeys().length; i++) {
                        hist.put(old.qkeys()[i], old.qcounts()[i]);
                    }
                }
                if (ch.hist != null) {
                    ch.hist.forEach((q, c) -> hist.merge(q, c, Long::sum));
                }
                StringBuilder ks = new StringBuilder("{");
                StringBuilder cs = new StringBuilder("{");
                hist.forEach((q, c) -> {
                    if (c != 0) {
                        ks.append(ks.length() > 1 ? "," : "").append(q);
                        cs.append(cs.length() > 1 ? "," : "").append(c);
                    }
                });
                keysText = ks.append('}').toString();
                countsText = cs.append('}').toString();
            }
            merged.add(new Object[] {k, n, total, keysText, countsText});
        }
        jdbc.update("CREATE TEMP TABLE IF NOT EXISTS rollup_stage (dim int2, metric int2, grain text, dim_value text, bucket date,"
                + " n int8, total int8, qkeys int8[], qcounts int8[]) ON COMMIT DELETE ROWS", ps -> { });
        jdbc.copyIn("rollup_stage (dim, metric, grain, dim_value, bucket, n, total, qkeys, qcounts)", merged, (row, m) -> {
            RollupDelta.Key k = (RollupDelta.Key) m[0];
            row.add(k.dim()).add(k.metric()).add(k.grain()).add(k.value()).add(k.bucket()).add(m[1]).add(m[2]).add(m[3]).add(m[4]);
        });
        jdbc.update("""
                INSERT INTO rollup AS r (tenant_id, dim, metric, grain, dim_value, bucket, n, total, qkeys, qcounts)
                SELECT ?, dim, metric, grain, dim_value, bucket, n, total, qkeys, qcounts FROM rollup_stage
                ORDER BY dim, metric, grain, dim_value, bucket
                ON CONFLICT (tenant_id, dim, metric, grain, dim_value, bucket) DO UPDATE SET n = excluded.n,
                  total = excluded.total, qkeys = excluded.qkeys, qcounts = excluded.qcounts
                """, ps -> ps.setString(1, tenant.value()));
        jdbc.update("DELETE FROM rollup_stage", ps -> { });
    }

    private Map<RollupDelta.Key, Row> load(TenantId tenant, List<RollupDelta.Key> keys) {
        Short[] dims = new Short[keys.size()];
        Short[] metrics = new Short[keys.size()];
        String[] grains = new String[keys.size()];
        String[] values = new String[keys.size()];
        LocalDate[] buckets = new LocalDate[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            RollupDelta.Key k = keys.get(i);
            dims[i] = k.dim();
            metrics[i] = k.metric();
            grains[i] = k.grain();
            values[i] = k.value();
            buckets[i] = k.bucket();
        }
        Map<RollupDelta.Key, Row> out = new HashMap<>();
        jdbc.each("""
                SELECT r.dim, r.metric, r.grain, r.dim_value, r.bucket, r.n, r.total, r.qkeys, r.qcounts
                FROM rollup r JOIN unnest(?::int2[], ?::int2[], ?::text[], ?::text[], ?::date[]) AS k(dim, metric, grain, dim_value, bucket)
                  ON r.dim = k.dim AND r.metric = k.metric AND r.grain = k.grain AND r.dim_value = k.dim_value AND r.bucket = k.bucket
                WHERE r.tenant_id = ?
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("int2", dims));
            ps.setArray(2, ps.getConnection().createArrayOf("int2", metrics));
            ps.setArray(3, ps.getConnection().createArrayOf("text", grains));
            ps.setArray(4, ps.getConnection().createArrayOf("text", values));
            ps.setArray(5, ps.getConnection().createArrayOf("date", buckets));
            ps.setString(6, tenant.value());
        }, rs -> {
            RollupDelta.Key k = new RollupDelta.Key(rs.getShort(1), rs.getShort(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5, LocalDate.class));
            out.put(k, new Row(k.metric(), k.value(), k.bucket(), rs.getLong(6), rs.getLong(7), longs(rs, 8), longs(rs, 9)));
        });
        return out;
    }

    public void deleteAll(TenantId tenant) {
        jdbc.update("DELETE FROM rollup WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()));
    }

    /**
     * Rows of some metrics for one dimension and grain with bucket in [from, to); {@code value} null means
     * every value of the dimension; {@code withHistograms} also reads the histogram arrays.
     */
    public List<Row> rows(TenantId tenant, short dim, short[] metrics, String grain, String value, LocalDate from, LocalDate to,
            boolean withHistograms) {
        Short[] boxed = new Short[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            boxed[i] = metrics[i];
        }
        return jdbc.list("SELECT metric, dim_value, bucket, n, total" + (withHistograms ? ", qkeys, qcounts" : "")
                + " FROM rollup WHERE tenant_id = ? AND dim = ? AND metric = ANY(?) AND grain = ? AND bucket >= ? AND bucket < ?"
                + (value == null ? "" : " AND dim_value = ?"),
                ps -> {
                    ps.setString(1, tenant.value());
                    ps.setShort(2, dim);
                    ps.setArray(3, ps.getConnection().createArrayOf("int2", boxed));
                    ps.setString(4, grain);
                    ps.setObject(5, from);
                    ps.setObject(6, to);
                    if (value != null) {
                        ps.setString(7, value);
                    }
                },
                rs -> new Row(rs.getShort(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4), rs.getLong(5),
                        withHistograms ? longs(rs, 6) : NONE, withHistograms ? longs(rs, 7) : NONE));
    }

    /** Sum of a metric's n per dimension value over buckets in [from, to) of one grain. */
    public Map<String, Long> sumN(TenantId tenant, short dim, short metric, String grain, LocalDate from, LocalDate to) {
        Map<String, Long> out = new HashMap<>();
        jdbc.each("SELECT dim_value, sum(n) FROM rollup WHERE tenant_id = ? AND dim = ? AND metric = ? AND grain = ?"
                + " AND bucket >= ? AND bucket < ? GROUP BY dim_value", ps -> {
                    ps.setString(1, tenant.value());
                    ps.setShort(2, dim);
                    ps.setShort(3, metric);
                    ps.setString(4, grain);
                    ps.setObject(5, from);
                    ps.setObject(6, to);
                }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Sum of a metric's totals per dimension value over buckets before {@code before} (month rows, then day rows). */
    public Map<String, Long> sumBefore(TenantId tenant, short dim, short metric, LocalDate before) {
        Map<String, Long> out = new HashMap<>();
        LocalDate monthStart = before.withDayOfMonth(1);
        jdbc.each("""
                SELECT dim_value, sum(total) FROM rollup WHERE tenant_id = ? AND dim = ? AND metric = ?
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

    private static long[] longs(ResultSet rs, int i) throws SQLException {
        Array a = rs.getArray(i);
        if (a == null) {
            return NONE;
        }
        Object[] values = (Object[]) a.getArray();
        long[] out = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = ((Number) values[k]).longValue();
        }
        return out;
    }
}
