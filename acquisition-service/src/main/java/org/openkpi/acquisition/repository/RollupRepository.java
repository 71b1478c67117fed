package org.openkpi.acquisition.repository;

import java.time.LocalDate;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

/**
 * Re-derives the daily rollups of the given days from the base rows, inside the caller's transaction (under the
 * tenant lock). Re-deriving whole days, rather than adding deltas, keeps every rollup exactly equal to a fresh
 * aggregation of its facts whatever the order of arrivals, replacements and feed corrections.
 */
@ApplicationScoped
public class RollupRepository {

    private final Jdbc jdbc;

    public RollupRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes the rollup rows of {@code days} (all when null) and inserts the re-aggregation. In {@code insertSelect}
     * each {@code SCOPE(col)} becomes "col-table's tenant = ? [AND col = ANY(days)]".
     */
    private void rebuild(TenantId tenant, String table, Collection<LocalDate> days, String insertSelect) {
        if (days != null && days.isEmpty()) {
            return;
        }
        rebuildDaily(tenant, table, days, insertSelect);
        String monthly = MONTHLY.get(table);
        if (monthly != null) {
            rebuildMonthly(tenant, table, monthly, days == null ? null
                    : days.stream().map(d -> d.withDayOfMonth(1)).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        }
    }

    /** Daily rollup -> its monthly rollup and summed columns. */
    private static final java.util.Map<String, String> MONTHLY = java.util.Map.of(
            "visitor_daily", "visitor_monthly|visitors", "trial_daily", "trial_monthly|trials,converted",
            "new_customer_daily", "new_customer_monthly|customers", "lead_daily", "lead_monthly|leads,converted");

    /** Re-aggregates the monthly rows of {@code months} (all when null) from the daily rollup. */
    private void rebuildMonthly(TenantId tenant, String daily, String spec, java.util.SortedSet<LocalDate> months) {
        String monthly = spec.substring(0, spec.indexOf('|'));
        String[] columns = spec.substring(spec.indexOf('|') + 1).split(",");
        jdbc.update("DELETE FROM " + monthly + " WHERE tenant_id = ?" + (months == null ? "" : " AND month = ANY(?)"), ps -> {
            ps.setString(1, tenant.value());
            if (months != null) {
                Jdbc.setDateArray(ps, 2, months);
            }
        });
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(monthly).append(" (tenant_id, month, channel, campaign");
        for (String c : columns) {
            sql.append(", ").append(c);
        }
        sql.append(") SELECT tenant_id, date_trunc('month', day::timestamp)::date, channel, campaign");
        for (String c : columns) {
            sql.append(", sum(").append(c).append(')');
        }
        sql.append(" FROM ").append(daily).append(" WHERE tenant_id = ?");
        if (months != null) {
            sql.append(" AND day >= ? AND day < ? AND date_trunc('month', day::timestamp)::date = ANY(?)");
        }
        sql.append(" GROUP BY 1, 2, 3, 4");
        jdbc.update(sql.toString(), ps -> {
            ps.setString(1, tenant.value());
            if (months != null) {
                Jdbc.setDate(ps, 2, months.first());
                Jdbc.setDate(ps, 3, months.last().plusMonths(1));
                Jdbc.setDateArray(ps, 4, months);
            }
        });
    }

    private void rebuildDaily(TenantId tenant, String table, Collection<LocalDate> days, String insertSelect) {
        jdbc.update("DELETE FROM " + table + " WHERE tenant_id = ?" + (days == null ? "" : " AND day = ANY(?)"), ps -> {
            ps.setString(1, tenant.value());
            if (days != null) {
                Jdbc.setDateArray(ps, 2, days);
            }
        });
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SCOPE\\((\\w+)\\.(\\w+)\\)").matcher(insertSelect);
        StringBuilder sql = new StringBuilder();
        int scopes = 0;
        while (m.find()) {
            scopes++;
            String alias = m.group(1);
            String repl = alias + ".tenant_id = ?" + (days == null ? "" : " AND " + alias + "." + m.group(2) + " = ANY(?)");
            m.appendReplacement(sql, java.util.regex.Matcher.quoteReplacement(repl));
        }
        m.appendTail(sql);
        int n = scopes;
        jdbc.update(sql.toString(), ps -> {
            int i = 1;
            for (int t = 0; t < n; t++) {
                ps.setString(i++, tenant.value());
                if (days != null) {
                    Jdbc.setDateArray(ps, i++, days);
                }
            }
        });
    }

    /** Unique visitors: the reported count of a day, channel and campaign, else its distinct raw visitor ids. */
    public void rebuildVisitors(TenantId tenant, Collection<LocalDate> days) {
        rebuild(tenant, "visitor_daily", days, """
                INSERT INTO visitor_daily (tenant_id, day, channel, campaign, visitors)
                SELECT c.tenant_id, c.day, c.channel, c.campaign, c.visitors FROM visitor_count c WHERE SCOPE(c.day)
                UNION ALL
                SELECT v.tenant_id, v.day, v.channel, v.campaign, count(DISTINCT v.visitor_id) FROM visit v
                 WHERE SCOPE(v.day) AND NOT EXISTS (SELECT 1 FROM visitor_count c WHERE c.tenant_id = v.tenant_id
                   AND c.day = v.day AND c.channel = v.channel AND c.campaign = v.campaign)
                 GROUP BY v.tenant_id, v.day, v.channel, v.campaign
                """);
    }

    /** Trials per start day, and those whose customer's first payment came within the window (0..window days after). */
    public void rebuildTrials(TenantId tenant, Collection<LocalDate> days, int windowDays) {
        rebuild(tenant, "trial_daily", days, """
                INSERT INTO trial_daily (tenant_id, day, channel, campaign, trials, converted)
                SELECT t.tenant_id, t.day, t.channel, t.campaign, count(*),
                       count(*) FILTER (WHERE c.first_paid_day >= t.day AND c.first_paid_day <= t.day + %d)
                  FROM trial t LEFT JOIN customer_acq c ON c.tenant_id = t.tenant_id AND c.customer_id = t.customer_id
                 WHERE SCOPE(t.day)
                 GROUP BY t.tenant_id, t.day, t.channel, t.campaign
                """.formatted(windowDays));
    }

    /** New paying customers per first-payment day, by first-touch channel and campaign. */
    public void rebuildNewCustomers(TenantId tenant, Collection<LocalDate> days) {
        rebuild(tenant, "new_customer_daily", days, """
                INSERT INTO new_customer_daily (tenant_id, day, channel, campaign, customers)
                SELECT c.tenant_id, c.first_paid_day, c.channel, c.campaign, count(*) FROM customer_acq c
                 WHERE SCOPE(c.first_paid_day) AND c.first_paid_day IS NOT NULL
                 GROUP BY c.tenant_id, c.first_paid_day, c.channel, c.campaign
                """);
    }

    /** Leads per capture day and those converted to a customer. */
    public void rebuildLeads(TenantId tenant, Collection<LocalDate> days) {
        rebuild(tenant, "lead_daily", days, """
                INSERT INTO lead_daily (tenant_id, day, channel, campaign, leads, converted)
                SELECT l.tenant_id, l.day, l.channel, l.campaign, count(*), count(l.customer_id) FROM lead l
                 WHERE SCOPE(l.day)
                 GROUP BY l.tenant_id, l.day, l.channel, l.campaign
                """);
    }

    public void rebuildEmail(TenantId tenant, Collection<LocalDate> days) {
        rebuild(tenant, "email_daily", days, """
                INSERT INTO email_daily (tenant_id, day, subscribes, unsubscribes)
                SELECT e.tenant_id, e.day, sum(e.subscribes), sum(e.unsubscribes) FROM email_activity e
                 WHERE SCOPE(e.day)
                 GROUP BY e.tenant_id, e.day
                """);
    }

    /** Every rollup of the tenant from scratch (after a time-zone or conversion-window change). */
    public void rebuildAll(TenantId tenant, int windowDays) {
        rebuildVisitors(tenant, null);
        rebuildTrials(tenant, null, windowDays);
        rebuildNewCustomers(tenant, null);
        rebuildLeads(tenant, null);
        rebuildEmail(tenant, null);
    }
}
