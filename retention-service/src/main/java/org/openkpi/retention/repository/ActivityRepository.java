package org.openkpi.retention.repository;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.tenant.TenantId;

/**
 * Product activity, compact: one row per (day, user) and per (month, user), plus distinct-user counts per day and
 * per month maintained as rows are first inserted.
 */
@ApplicationScoped
public class ActivityRepository {

    public record DayUser(LocalDate day, String userId, String customerId) {
    }

    private final Jdbc jdbc;

    public ActivityRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the (day, user) rows not stored yet and updates the daily and monthly counts; returns how many were new. */
    public int record(TenantId tenant, List<DayUser> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Integer> inserted = jdbc.list("""
                WITH ins AS (
                  INSERT INTO activity_day_user (tenant_id, day, user_id, customer_id)
                  SELECT ?, d, u, c FROM unnest(?::date[], ?::text[], ?::text[]) AS t(d, u, c)
                  ON CONFLICT DO NOTHING RETURNING day, user_id),
                mins AS (
                  INSERT INTO activity_month_user (tenant_id, month, user_id)
                  SELECT DISTINCT ?, date_trunc('month', day)::date, user_id FROM ins
                  ON CONFLICT DO NOTHING RETURNING month),
                dd AS (
                  INSERT INTO activity_daily (tenant_id, day, users) SELECT ?, day, count(*) FROM ins GROUP BY day
                  ON CONFLICT (tenant_id, day) DO UPDATE SET users = activity_daily.users + excluded.users),
                md AS (
                  INSERT INTO activity_monthly (tenant_id, month, users) SELECT ?, month, count(*) FROM mins GROUP BY month
                  ON CONFLICT (tenant_id, month) DO UPDATE SET users = activity_monthly.users + excluded.users)
                SELECT count(*)::int FROM ins
                """, ps -> {
            String t = tenant.value();
            ps.setString(1, t);
            ps.setArray(2, ps.getConnection().createArrayOf("date", rows.stream().map(r -> Date.valueOf(r.day())).toArray()));
            ps.setArray(3, ps.getConnection().createArrayOf("text", rows.stream().map(DayUser::userId).toArray()));
            ps.setArray(4, ps.getConnection().createArrayOf("text", rows.stream().map(DayUser::customerId).toArray()));
            ps.setString(5, t);
            ps.setString(6, t);
            ps.setString(7, t);
        }, rs -> rs.getInt(1));
        return inserted.get(0);
    }

    /** Active users per day with activity in [from, to). */
    public Map<LocalDate, Long> daily(TenantId tenant, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> out = new HashMap<>();
        jdbc.each("SELECT day, users FROM activity_daily WHERE tenant_id = ? AND day >= ? AND day < ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
        }, rs -> out.put(rs.getDate(1).toLocalDate(), rs.getLong(2)));
        return out;
    }

    /** Distinct active users per calendar month in [fromMonth, toMonth). */
    public Map<LocalDate, Long> monthly(TenantId tenant, LocalDate fromMonth, LocalDate toMonth) {
        Map<LocalDate, Long> out = new HashMap<>();
        jdbc.each("SELECT month, users FROM activity_monthly WHERE tenant_id = ? AND month >= ? AND month < ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(fromMonth));
            ps.setDate(3, Date.valueOf(toMonth));
        }, rs -> out.put(rs.getDate(1).toLocalDate(), rs.getLong(2)));
        return out;
    }

    /** Distinct users active in the whole months [fromMonth, toMonth). */
    public long distinctOverMonths(TenantId tenant, LocalDate fromMonth, LocalDate toMonth) {
        return jdbc.list("SELECT count(DISTINCT user_id) FROM activity_month_user WHERE tenant_id = ? AND month >= ? AND month < ?",
                ps -> {
                    ps.setString(1, tenant.value());
                    ps.setDate(2, Date.valueOf(fromMonth));
                    ps.setDate(3, Date.valueOf(toMonth));
                }, rs -> rs.getLong(1)).get(0);
    }

    /** Distinct users active on the days [from, to). */
    public long distinctOverDays(TenantId tenant, LocalDate from, LocalDate to) {
        return jdbc.list("SELECT count(DISTINCT user_id) FROM activity_day_user WHERE tenant_id = ? AND day >= ? AND day < ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
        }, rs -> rs.getLong(1)).get(0);
    }

    /** One customer's active users per day in [from, to), ordered by day. */
    public List<Object[]> customerDays(TenantId tenant, String customerId, LocalDate from, LocalDate to) {
        List<Object[]> out = new ArrayList<>();
        jdbc.each("""
                SELECT day, count(*) FROM activity_day_user WHERE tenant_id = ? AND customer_id = ? AND day >= ? AND day < ?
                GROUP BY day ORDER BY day
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
        }, rs -> out.add(new Object[] { rs.getDate(1).toLocalDate(), rs.getLong(2) }));
        return out;
    }

    public int customerDistinctUsers(TenantId tenant, String customerId, LocalDate from, LocalDate to) {
        return jdbc.list("""
                SELECT count(DISTINCT user_id)::int FROM activity_day_user WHERE tenant_id = ? AND customer_id = ? AND day >= ? AND day < ?
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
        }, rs -> rs.getInt(1)).get(0);
    }

    public LocalDate customerLastDay(TenantId tenant, String customerId, LocalDate before) {
        return jdbc.list("SELECT max(day) FROM activity_day_user WHERE tenant_id = ? AND customer_id = ? AND day < ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
            ps.setDate(3, Date.valueOf(before));
        }, rs -> rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate()).get(0);
    }
}
