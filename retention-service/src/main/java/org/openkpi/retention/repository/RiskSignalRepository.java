package org.openkpi.retention.repository;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.tenant.TenantId;

/**
 * The customers with a retention risk signal at a day, in customer order, one page per call. Candidates come from indexed
 * windows only: 60 days of (day, user) activity rows, 180 days of NPS responses (by time) and of sign-ups (by time); then each
 * candidate's paying state (its latest movement before asOf) and onboarding are probed through the per-customer indexes.
 */
@ApplicationScoped
public class RiskSignalRepository {

    /** One flagged customer's raw figures; instants null when absent. */
    public record Row(String customerId, int activeDaysLast30, int activeDaysPrevious30, Integer latestNpsScore, Instant signedUpAt,
            Instant activatedAt) {
    }

    private static final String SQL = """
            WITH act AS (
              SELECT customer_id,
                     count(DISTINCT day) FILTER (WHERE day >= ?) AS last30,
                     count(DISTINCT day) FILTER (WHERE day < ?) AS prev30
              FROM activity_day_user
              WHERE tenant_id = ? AND day >= ? AND day < ? AND customer_id > ?
              GROUP BY customer_id),
            nps AS (
              SELECT DISTINCT ON (customer_id) customer_id, score
              FROM nps_response
              WHERE tenant_id = ? AND customer_id > ? AND responded_at >= ? AND responded_at < ?
              ORDER BY customer_id, responded_at DESC, external_id DESC),
            su AS (
              SELECT DISTINCT customer_id
              FROM onboarding_milestone
              WHERE tenant_id = ? AND milestone = 'SIGNED_UP' AND occurred_at >= ? AND occurred_at < ? AND customer_id > ?),
            cand AS (
              SELECT customer_id FROM act WHERE prev30 >= 4 AND last30 * 2 <= prev30
              UNION SELECT customer_id FROM nps WHERE score <= 6
              UNION SELECT customer_id FROM su)
            SELECT c.customer_id, coalesce(act.last30, 0), coalesce(act.prev30, 0), nps.score, o.signed_up, o.activated
            FROM cand c
            JOIN LATERAL (SELECT m.to_mrr FROM movement m
                          WHERE m.tenant_id = ? AND m.customer_id = c.customer_id AND m.day < ?
                          ORDER BY m.day DESC, length(m.feed_cursor) DESC, m.feed_cursor DESC LIMIT 1) p ON p.to_mrr > 0
            CROSS JOIN LATERAL (
              SELECT s.signed_up,
                     (SELECT min(a.occurred_at) FROM onboarding_milestone a
                      WHERE a.tenant_id = ? AND a.customer_id = c.customer_id AND a.milestone = 'ACTIVATED'
                        AND a.occurred_at >= s.signed_up AND a.occurred_at < ?) AS activated
              FROM (SELECT min(occurred_at) AS signed_up FROM onboarding_milestone
                    WHERE tenant_id = ? AND customer_id = c.customer_id AND milestone = 'SIGNED_UP' AND occurred_at < ?) s) o
            LEFT JOIN act ON act.customer_id = c.customer_id
            LEFT JOIN nps ON nps.customer_id = c.customer_id
            WHERE (act.prev30 >= 4 AND act.last30 * 2 <= act.prev30)
               OR nps.score <= 6
               OR (o.signed_up >= ? AND (o.activated - o.signed_up >= interval '14 days' OR (o.activated IS NULL AND o.signed_up < ?)))
            ORDER BY c.customer_id
            LIMIT ?
            """;

    private final Jdbc jdbc;

    public RiskSignalRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * At most {@code limit} customers after {@code after} (exclusive; "" for the first page) paying at the start of asOf with a
     * signal: activity falling, an NPS detractor in the 180 days before asOf, or slow onboarding of a sign-up of those days.
     */
    public List<Row> page(TenantId tenant, LocalDate asOf, ZoneId zone, String after, int limit) {
        Timestamp asOfStart = start(asOf, zone);
        Timestamp from180 = start(asOf.minusDays(180), zone);
        // not activated and signed up on asOf - 14 or earlier = signed up before the start of asOf - 13
        Timestamp slowCutoff = start(asOf.minusDays(13), zone);
        return jdbc.list(SQL, ps -> {
            String t = tenant.value();
            int i = 0;
            ps.setDate(++i, Date.valueOf(asOf.minusDays(30)));
            ps.setDate(++i, Date.valueOf(asOf.minusDays(30)));
            ps.setString(++i, t);
            ps.setDate(++i, Date.valueOf(asOf.minusDays(60)));
            ps.setDate(++i, Date.valueOf(asOf));
            ps.setString(++i, after);
            i = window(ps, i, t, after, from180, asOfStart);
            ps.setString(++i, t);
            ps.setTimestamp(++i, from180);
            ps.setTimestamp(++i, asOfStart);
            ps.setString(++i, after);
            ps.setString(++i, t);
            ps.setDate(++i, Date.valueOf(asOf));
            ps.setString(++i, t);
            ps.setTimestamp(++i, asOfStart);
            ps.setString(++i, t);
            ps.setTimestamp(++i, asOfStart);
            ps.setTimestamp(++i, from180);
            ps.setTimestamp(++i, slowCutoff);
            ps.setInt(++i, limit);
        }, rs -> new Row(rs.getString(1), rs.getInt(2), rs.getInt(3), (Integer) rs.getObject(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6))));
    }

    private static int window(PreparedStatement ps, int i, String tenant, String after, Timestamp from, Timestamp to) throws SQLException {
        ps.setString(++i, tenant);
        ps.setString(++i, after);
        ps.setTimestamp(++i, from);
        ps.setTimestamp(++i, to);
        return i;
    }

    private static Timestamp start(LocalDate day, ZoneId zone) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
