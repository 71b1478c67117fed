package org.openkpi.acquisition.repository;

import java.time.LocalDate;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

/**
 * Customers known from the change feed and their derived acquisition facts: the current first payment (the
 * earliest NEW movement not reversed), the churn, and the first-touch channel and campaign (the earliest of the
 * customer's trials and leads, else the feed's channel).
 */
@ApplicationScoped
public class CustomerRepository {

    public record CustomerAcqRow(String customerId, LocalDate firstPaidDay, LocalDate churnDay, String channel, String campaign,
            String touch) {
    }

    private final Jdbc jdbc;

    public CustomerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates missing customers and sets the channel the feed last carried (keeps it when an entry has none). */
    public void ensure(TenantId tenant, Map<String, String> feedChannelByCustomer) {
        jdbc.batch("""
                INSERT INTO customer_acq (tenant_id, customer_id, feed_channel) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, customer_id) DO UPDATE SET feed_channel = coalesce(excluded.feed_channel, customer_acq.feed_channel)
                """, feedChannelByCustomer.entrySet(), (ps, e) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, e.getKey());
            ps.setString(3, e.getValue());
        });
    }

    public Set<LocalDate> firstPaidDays(TenantId tenant, Collection<String> customerIds) {
        Set<LocalDate> out = new HashSet<>();
        jdbc.each("SELECT DISTINCT first_paid_day FROM customer_acq WHERE tenant_id = ? AND customer_id = ANY(?) AND first_paid_day IS NOT NULL",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, customerIds);
                }, rs -> out.add(Jdbc.date(rs, 1)));
        return out;
    }

    public Set<LocalDate> trialDays(TenantId tenant, Collection<String> customerIds) {
        Set<LocalDate> out = new HashSet<>();
        jdbc.each("SELECT DISTINCT day FROM trial WHERE tenant_id = ? AND customer_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        }, rs -> out.add(Jdbc.date(rs, 1)));
        return out;
    }

    /** Re-derives first payment, churn and first touch of these customers from the stored movements, trials and leads. */
    public void rederive(TenantId tenant, Collection<String> customerIds) {
        jdbc.update("""
                WITH ids AS (SELECT DISTINCT unnest(?::text[]) AS customer_id),
                touch AS (
                  SELECT DISTINCT ON (customer_id) customer_id, channel, campaign, src FROM (
                    SELECT customer_id, started_at AS at, 0 AS ord, 'TRIAL' AS src, channel, campaign, external_id
                      FROM trial WHERE tenant_id = ? AND customer_id IN (SELECT customer_id FROM ids)
                    UNION ALL
                    SELECT customer_id, captured_at, 1, 'LEAD', channel, campaign, external_id
                      FROM lead WHERE tenant_id = ? AND customer_id IN (SELECT customer_id FROM ids)) t
                  ORDER BY customer_id, at, ord, external_id),
                mv AS (
                  SELECT customer_id, min(day) FILTER (WHERE kind = 'NEW') AS first_paid,
                         max(day) FILTER (WHERE kind = 'CHURN') AS churn,
                         max(day) FILTER (WHERE kind IN ('NEW', 'REACTIVATION')) AS last_start
                    FROM feed_movement WHERE tenant_id = ? AND NOT reversed AND customer_id IN (SELECT customer_id FROM ids)
                   GROUP BY customer_id)
                UPDATE customer_acq c SET first_paid_day = mv.first_paid,
                       churn_day = CASE WHEN mv.churn IS NOT NULL AND (mv.last_start IS NULL OR mv.churn >= mv.last_start) THEN mv.churn END,
                       channel = coalesce(touch.channel, c.feed_channel, ''),
                       campaign = coalesce(touch.campaign, ''),
                       touch = coalesce(touch.src, CASE WHEN c.feed_channel IS NULL THEN NULL ELSE 'FEED' END)
                  FROM ids LEFT JOIN mv ON mv.customer_id = ids.customer_id LEFT JOIN touch ON touch.customer_id = ids.customer_id
                 WHERE c.tenant_id = ? AND c.customer_id = ids.customer_id
                """, ps -> {
            Jdbc.setTextArray(ps, 1, customerIds);
            ps.setString(2, tenant.value());
            ps.setString(3, tenant.value());
            ps.setString(4, tenant.value());
            ps.setString(5, tenant.value());
        });
    }

    /** The rows of those of the given customers the tenant has (one query). */
    public Map<String, CustomerAcqRow> findAll(TenantId tenant, Collection<String> customerIds) {
        Map<String, CustomerAcqRow> found = new HashMap<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        jdbc.each("SELECT customer_id, first_paid_day, churn_day, channel, campaign, touch FROM customer_acq WHERE tenant_id = ? AND customer_id = ANY(?)",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, customerIds);
                }, rs -> found.put(rs.getString(1), new CustomerAcqRow(rs.getString(1), Jdbc.date(rs, 2), Jdbc.date(rs, 3),
                        rs.getString(4), rs.getString(5), rs.getString(6))));
        return found;
    }

    /** External ids of the given customers' trials (one query), by customer, each in start order. */
    public Map<String, List<String>> trialsOf(TenantId tenant, Collection<String> customerIds) {
        return idsByCustomer("SELECT customer_id, external_id FROM trial WHERE tenant_id = ? AND customer_id = ANY(?)"
                + " ORDER BY customer_id, started_at, external_id", tenant, customerIds);
    }

    /** External ids of the given customers' leads (one query), by customer, each in capture order. */
    public Map<String, List<String>> leadsOf(TenantId tenant, Collection<String> customerIds) {
        return idsByCustomer("SELECT customer_id, external_id FROM lead WHERE tenant_id = ? AND customer_id = ANY(?)"
                + " ORDER BY customer_id, captured_at, external_id", tenant, customerIds);
    }

    private Map<String, List<String>> idsByCustomer(String sql, TenantId tenant, Collection<String> customerIds) {
        Map<String, List<String>> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        jdbc.each(sql, ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        }, rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        return out;
    }

    public CustomerAcqRow find(TenantId tenant, String customerId) {
        List<CustomerAcqRow> rows = jdbc.list(
                "SELECT customer_id, first_paid_day, churn_day, channel, campaign, touch FROM customer_acq WHERE tenant_id = ? AND customer_id = ?",
                ps -> {
                    ps.setString(1, tenant.value());
                    ps.setString(2, customerId);
                }, rs -> new CustomerAcqRow(rs.getString(1), Jdbc.date(rs, 2), Jdbc.date(rs, 3), rs.getString(4), rs.getString(5),
                        rs.getString(6)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    public List<String> trialsOf(TenantId tenant, String customerId) {
        return jdbc.list("SELECT external_id FROM trial WHERE tenant_id = ? AND customer_id = ? ORDER BY started_at, external_id", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> rs.getString(1));
    }

    public List<String> leadsOf(TenantId tenant, String customerId) {
        return jdbc.list("SELECT external_id FROM lead WHERE tenant_id = ? AND customer_id = ? ORDER BY captured_at, external_id", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> rs.getString(1));
    }
}
