package org.openkpi.retention.repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.tenant.TenantId;

/**
 * NPS responses, onboarding milestones and purchases: stored one row per fact (idempotent by external id and
 * content hash) and aggregated per period in SQL over an index on (tenant, instant); days are in the tenant's zone.
 */
@ApplicationScoped
public class FactRepository {

    public record Nps(String externalId, String respondent, String customerId, int score, Instant respondedAt, String comment,
            String hash) {
    }

    public record Milestone(String externalId, String customerId, String milestone, Instant occurredAt, String hash) {
    }

    public record Purchase(String externalId, String customerId, Instant purchasedAt, BigDecimal amount, String currency,
            String hash) {
    }

    private final Jdbc jdbc;

    public FactRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> hashes(TenantId tenant, String table, Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        jdbc.each("SELECT external_id, content_hash FROM " + table + " WHERE tenant_id = ? AND external_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ids);
        }, rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    public void upsertNps(TenantId tenant, Collection<Nps> rows) {
        jdbc.batch("""
                INSERT INTO nps_response (tenant_id, external_id, respondent, customer_id, score, responded_at, comment, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, external_id) DO UPDATE SET respondent = excluded.respondent,
                  customer_id = excluded.customer_id, score = excluded.score, responded_at = excluded.responded_at,
                  comment = excluded.comment, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.respondent());
            ps.setString(4, r.customerId());
            ps.setInt(5, r.score());
            ps.setTimestamp(6, Timestamp.from(r.respondedAt()));
            ps.setString(7, r.comment());
            ps.setString(8, r.hash());
        });
    }

    public void upsertMilestones(TenantId tenant, Collection<Milestone> rows) {
        jdbc.batch("""
                INSERT INTO onboarding_milestone (tenant_id, external_id, customer_id, milestone, occurred_at, content_hash)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, external_id) DO UPDATE SET customer_id = excluded.customer_id,
                  milestone = excluded.milestone, occurred_at = excluded.occurred_at, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.customerId());
            ps.setString(4, r.milestone());
            ps.setTimestamp(5, Timestamp.from(r.occurredAt()));
            ps.setString(6, r.hash());
        });
    }

    public void upsertPurchases(TenantId tenant, Collection<Purchase> rows) {
        jdbc.batch("""
                INSERT INTO purchase (tenant_id, external_id, customer_id, purchased_at, amount, currency, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, external_id) DO UPDATE SET customer_id = excluded.customer_id,
                  purchased_at = excluded.purchased_at, amount = excluded.amount, currency = excluded.currency,
                  content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.customerId());
            ps.setTimestamp(4, Timestamp.from(r.purchasedAt()));
            ps.setBigDecimal(5, r.amount());
            ps.setString(6, r.currency());
            ps.setString(7, r.hash());
        });
    }

    private static final String PERIODS = """
            unnest(?::date[], ?::date[]) WITH ORDINALITY AS p(s, e, i)
            """;

    private static void bindPeriods(java.sql.PreparedStatement ps, int index, List<LocalDate> starts, List<LocalDate> ends)
            throws java.sql.SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf("date", starts.stream().map(Date::valueOf).toArray()));
        ps.setArray(index + 1, ps.getConnection().createArrayOf("date", ends.stream().map(Date::valueOf).toArray()));
    }

    /** Per period index: {responses, promoters, passives, detractors}. */
    public Map<Integer, long[]> npsCounts(TenantId tenant, String zone, List<LocalDate> starts, List<LocalDate> ends) {
        Map<Integer, long[]> out = new HashMap<>();
        jdbc.each("SELECT p.i, count(*), count(*) FILTER (WHERE r.score >= 9), count(*) FILTER (WHERE r.score BETWEEN 7 AND 8),"
                + " count(*) FILTER (WHERE r.score <= 6) FROM " + PERIODS + """
                JOIN nps_response r ON r.tenant_id = ? AND r.responded_at >= (p.s::timestamp AT TIME ZONE ?)
                  AND r.responded_at < (p.e::timestamp AT TIME ZONE ?)
                GROUP BY p.i
                """, ps -> {
            bindPeriods(ps, 1, starts, ends);
            ps.setString(3, tenant.value());
            ps.setString(4, zone);
            ps.setString(5, zone);
        }, rs -> out.put(rs.getInt(1) - 1, new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }));
        return out;
    }

    /** Per period index: {signedUp, activated, mean days, median days, p90 days, 14+ days} over customers signed up in it. */
    public Map<Integer, Object[]> onboarding(TenantId tenant, String zone, List<LocalDate> starts, List<LocalDate> ends) {
        Map<Integer, Object[]> out = new HashMap<>();
        jdbc.each("""
                WITH su AS (
                  SELECT customer_id, min(occurred_at) AS at FROM onboarding_milestone
                  WHERE tenant_id = ? AND milestone = 'SIGNED_UP' GROUP BY customer_id),
                c AS (
                  SELECT su.customer_id, su.at AS signed_up,
                    (SELECT min(a.occurred_at) FROM onboarding_milestone a WHERE a.tenant_id = ? AND a.customer_id = su.customer_id
                       AND a.milestone = 'ACTIVATED' AND a.occurred_at >= su.at) AS activated
                  FROM su)
                SELECT p.i, count(*), count(c.activated),
                  avg(extract(epoch FROM c.activated - c.signed_up) / 86400),
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.activated - c.signed_up) / 86400),
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.activated - c.signed_up) / 86400),
                  count(*) FILTER (WHERE c.activated - c.signed_up >= interval '14 days')
                FROM""" + " " + PERIODS + """
                JOIN c ON c.signed_up >= (p.s::timestamp AT TIME ZONE ?) AND c.signed_up < (p.e::timestamp AT TIME ZONE ?)
                GROUP BY p.i
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, tenant.value());
            bindPeriods(ps, 3, starts, ends);
            ps.setString(5, zone);
            ps.setString(6, zone);
        }, rs -> out.put(rs.getInt(1) - 1, new Object[] { rs.getLong(2), rs.getLong(3), dbl(rs.getObject(4)),
                dbl(rs.getObject(5)), dbl(rs.getObject(6)), rs.getLong(7) }));
        return out;
    }

    private static Double dbl(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** Per period index: {purchases, purchasers, repeat purchasers}. */
    public Map<Integer, long[]> purchases(TenantId tenant, String zone, List<LocalDate> starts, List<LocalDate> ends) {
        Map<Integer, long[]> out = new HashMap<>();
        jdbc.each("""
                SELECT i, sum(n), count(*), count(*) FILTER (WHERE n >= 2) FROM (
                  SELECT p.i, x.customer_id, count(*) AS n FROM""" + " " + PERIODS + """
                  JOIN purchase x ON x.tenant_id = ? AND x.purchased_at >= (p.s::timestamp AT TIME ZONE ?)
                    AND x.purchased_at < (p.e::timestamp AT TIME ZONE ?)
                  GROUP BY p.i, x.customer_id) q
                GROUP BY i
                """, ps -> {
            bindPeriods(ps, 1, starts, ends);
            ps.setString(3, tenant.value());
            ps.setString(4, zone);
            ps.setString(5, zone);
        }, rs -> out.put(rs.getInt(1) - 1, new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) }));
        return out;
    }

    public List<Nps> npsOfCustomer(TenantId tenant, String customerId) {
        return jdbc.list("""
                SELECT external_id, respondent, customer_id, score, responded_at, comment, content_hash FROM nps_response
                WHERE tenant_id = ? AND customer_id = ? ORDER BY responded_at DESC, external_id
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> new Nps(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant(),
                rs.getString(6), rs.getString(7)));
    }

    /** {signedUpAt, activatedAt} of one customer (either may be null). */
    public Instant[] onboardingOf(TenantId tenant, String customerId) {
        List<Instant[]> rows = new ArrayList<>();
        jdbc.each("""
                WITH su AS (SELECT min(occurred_at) AS at FROM onboarding_milestone
                            WHERE tenant_id = ? AND customer_id = ? AND milestone = 'SIGNED_UP')
                SELECT su.at, (SELECT min(occurred_at) FROM onboarding_milestone WHERE tenant_id = ? AND customer_id = ?
                               AND milestone = 'ACTIVATED' AND (su.at IS NULL OR occurred_at >= su.at)) FROM su
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
            ps.setString(3, tenant.value());
            ps.setString(4, customerId);
        }, rs -> rows.add(new Instant[] { rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant() }));
        return rows.isEmpty() ? new Instant[2] : rows.get(0);
    }

    public boolean customerHasPurchases(TenantId tenant, String customerId) {
        return !jdbc.list("SELECT 1 FROM purchase WHERE tenant_id = ? AND customer_id = ? LIMIT 1", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> 1).isEmpty();
    }
}
