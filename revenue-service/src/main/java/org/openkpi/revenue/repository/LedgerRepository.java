package org.openkpi.revenue.repository;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.tenant.TenantId;

/** Writes of the two movement ledgers, their daily rollups and the dunning re-checks. */
@ApplicationScoped
public class LedgerRepository {

    public static final String CUSTOMER_LEDGER = "mrr_movement";
    public static final String COMPONENT_LEDGER = "mrr_component_movement";

    private final Jdbc jdbc;

    public LedgerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored ledger rows of these customers from a day on (a null day: all of them), grouped by
     * customer, in day order.
     */
    public Map<String, List<StoredMovement>> customerMovements(TenantId tenant, Map<String, LocalDate> fromDay) {
        Map<String, List<StoredMovement>> out = new HashMap<>();
        if (fromDay.isEmpty()) {
            return out;
        }
        jdbc.each("""
                SELECT m.customer_id, m.day, m.kind, m.from_mrr, m.to_mrr, m.plan_code, m.country, m.segment, m.channel, m.feed_seq
                FROM unnest(?::text[], ?::date[]) AS f(customer_id, from_day)
                     CROSS JOIN LATERAL (SELECT * FROM mrr_movement
                       WHERE tenant_id = ? AND customer_id = f.customer_id AND day >= coalesce(f.from_day, '-infinity')) m
                ORDER BY m.customer_id, m.day
                """, ps -> bindFrom(ps, tenant, fromDay), rs -> {
            StoredMovement m = map(rs, rs.getLong(10));
            out.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m);
        });
        return out;
    }

    /**
     * As {@link #customerMovements}, for the stored rows of the per-plan component ledger: the days whose components
     * do not merely repeat the customer movement (see V3__component_ledger_mirrors.sql).
     */
    public Map<String, List<StoredMovement>> componentMovements(TenantId tenant, Map<String, LocalDate> fromDay) {
        Map<String, List<StoredMovement>> out = new HashMap<>();
        if (fromDay.isEmpty()) {
            return out;
        }
        jdbc.each("""
                SELECT m.customer_id, m.day, m.kind, m.from_mrr, m.to_mrr, m.plan_code, m.country, m.segment, m.channel
                FROM unnest(?::text[], ?::date[]) AS f(customer_id, from_day)
                     CROSS JOIN LATERAL (SELECT * FROM mrr_component_movement
                       WHERE tenant_id = ? AND customer_id = f.customer_id AND day >= coalesce(f.from_day, '-infinity')) m
                ORDER BY m.customer_id, m.day, m.plan_code
                """, ps -> bindFrom(ps, tenant, fromDay), rs -> {
            StoredMovement m = map(rs, 0);
            out.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m);
        });
        return out;
    }

    private static void bindFrom(PreparedStatement ps, TenantId tenant, Map<String, LocalDate> fromDay) throws SQLException {
        List<String> ids = new ArrayList<>(fromDay.size());
        List<String> days = new ArrayList<>(fromDay.size());
        fromDay.forEach((id, day) -> {
            ids.add(id);
            days.add(day == null ? null : day.toString());
        });
        Jdbc.setTextArray(ps, 1, ids);
        Jdbc.setTextArray(ps, 2, days);
        ps.setString(3, tenant.value());
    }

    static StoredMovement map(ResultSet rs, long feedSeq) throws SQLException {
        return new StoredMovement(rs.getString(1), rs.getDate(2).toLocalDate(), MovementKind.valueOf(rs.getString(3)),
                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), feedSeq);
    }

    /**
     * Deletes these customer-ledger rows (by customer and day) and keeps their change-feed entries: each row's MOVEMENT
     * entry moves, with its seq, content and recording instant, to change_feed_retired (see V4__change_feed_from_ledger.sql).
     */
    public void retireCustomerMovements(TenantId tenant, Collection<StoredMovement> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> customerIds = new ArrayList<>(rows.size());
        List<String> days = new ArrayList<>(rows.size());
        rows.forEach(m -> {
            customerIds.add(m.customerId());
            days.add(m.day().toString());
        });
        int retired = jdbc.update("""
                WITH gone AS (
                  DELETE FROM mrr_movement m USING unnest(?::text[], ?::date[]) AS d(customer_id, day)
                  WHERE m.tenant_id = ? AND m.customer_id = d.customer_id AND m.day = d.day
                  RETURNING m.*)
                INSERT INTO change_feed_retired (seq, tenant_id, entry_type, reverses_seq, customer_id, day, kind, from_mrr, to_mrr,
                  plan_code, country, segment, channel, recorded_at)
                SELECT feed_seq, tenant_id, 'MOVEMENT', NULL, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment,
                  channel, recorded_at
                FROM gone
                """, ps -> {
            Jdbc.setTextArray(ps, 1, customerIds);
            Jdbc.setTextArray(ps, 2, days);
            ps.setString(3, tenant.value());
        });
        if (retired != rows.size()) {
            // the rows were read in this transaction under the tenant lock: anything else is a defect
            throw new IllegalStateException("retired " + retired + " customer movements of " + rows.size() + " expected");
        }
    }

    /**
     * Primary-key order (customer, day, plan; no plan first), the order rows are sent in, so that consecutive rows land
     * on the same index pages. Written out rather than chained from key extractors: a write plan sorts thousands of rows.
     */
    private static final Comparator<StoredMovement> KEY_ORDER = (a, b) -> {
        int c = a.customerId().compareTo(b.customerId());
        if (c == 0) {
            c = a.day().compareTo(b.day());
        }
        return c != 0 ? c : StoredMovement.comparePlans(a.planCode(), b.planCode());
    };

    /** The rows in primary-key order (customer, day, plan), the order they are inserted in. */
    public static List<StoredMovement> inKeyOrder(Collection<StoredMovement> rows) {
        List<StoredMovement> out = new ArrayList<>(rows);
        out.sort(KEY_ORDER);
        return out;
    }

    /**
     * Customer movements rendered for {@link #insertCustomerMovements} ahead (before the tenant lock), but for their
     * feed seqs, which only the lock hands out: the last column, appended by {@link Jdbc.RowsButLast#complete}.
     *
     * @param rowsInKeyOrder the rows, as {@link #inKeyOrder} sorts them
     * @param componentsStored whether the row's day has rows in the component table (else the row is also its day's
     *        only component movement; see V3__component_ledger_mirrors.sql)
     */
    public static Jdbc.RowsButLast renderCustomerMovements(TenantId tenant, List<StoredMovement> rowsInKeyOrder,
            Predicate<StoredMovement> componentsStored) {
        return Jdbc.renderButLast(rowsInKeyOrder, (row, m) -> row.add(tenant.value()).add(m.customerId()).add(m.day())
                .add(m.kind()).add(m.fromMrr()).add(m.toMrr()).add(m.planCode()).add(m.country()).add(m.segment())
                .add(m.channel()).add(componentsStored.test(m)));
    }

    /** Inserts customer movements rendered by {@link #renderCustomerMovements}, with their feed seqs. */
    public void insertCustomerMovements(Jdbc.CopyText rows) {
        jdbc.copyIn("mrr_movement (tenant_id, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment, channel,"
                + " components_stored, feed_seq)", rows);
    }

    /** Sets {@code components_stored} of these customer-ledger rows (by customer and day). */
    public void setComponentsStored(TenantId tenant, Collection<StoredMovement> rows, boolean stored) {
        jdbc.batch("UPDATE mrr_movement SET components_stored = ? WHERE tenant_id = ? AND customer_id = ? AND day = ?", rows,
                (ps, m) -> {
                    ps.setBoolean(1, stored);
                    ps.setString(2, tenant.value());
                    ps.setString(3, m.customerId());
                    ps.setDate(4, Date.valueOf(m.day()));
                });
    }

    public void deleteComponentMovements(TenantId tenant, Collection<StoredMovement> rows) {
        jdbc.batch("DELETE FROM mrr_component_movement WHERE tenant_id = ? AND customer_id = ? AND plan_code = ? AND day = ?",
                rows, (ps, m) -> {
                    ps.setString(1, tenant.value());
                    ps.setString(2, m.customerId());
                    ps.setString(3, m.planCode());
                    ps.setDate(4, Date.valueOf(m.day()));
                });
    }

    /** Explicit component rows rendered for {@link #insertComponentMovements} ahead (before the tenant lock). */
    public static Jdbc.CopyText renderComponentMovements(TenantId tenant, Collection<StoredMovement> rows) {
        return Jdbc.render(inKeyOrder(rows), (row, m) -> row.add(tenant.value()).add(m.customerId()).add(m.planCode()).add(m.day())
                .add(m.kind()).add(m.fromMrr()).add(m.toMrr()).add(m.country()).add(m.segment()).add(m.channel()));
    }

    public void insertComponentMovements(Jdbc.CopyText rows) {
        jdbc.copyIn("mrr_component_movement (tenant_id, customer_id, plan_code, day, kind, from_mrr, to_mrr, country, segment,"
                + " channel)", rows);
    }

    /** Adds deltas to the daily rollups (rows are created on first use). */
    public void addToRollups(TenantId tenant, Collection<RollupDelta> deltas) {
        jdbc.batch("""
                INSERT INTO mrr_daily (tenant_id, dimension, dim_value, day, new_mrr, expansion_mrr, contraction_mrr, churn_mrr,
                  reactivation_mrr, new_customers, reactivated_customers, churned_customers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, dimension, dim_value, day) DO UPDATE SET
                  new_mrr = mrr_daily.new_mrr + excluded.new_mrr,
                  expansion_mrr = mrr_daily.expansion_mrr + excluded.expansion_mrr,
                  contraction_mrr = mrr_daily.contraction_mrr + excluded.contraction_mrr,
                  churn_mrr = mrr_daily.churn_mrr + excluded.churn_mrr,
                  reactivation_mrr = mrr_daily.reactivation_mrr + excluded.reactivation_mrr,
                  new_customers = mrr_daily.new_customers + excluded.new_customers,
                  reactivated_customers = mrr_daily.reactivated_customers + excluded.reactivated_customers,
                  churned_customers = mrr_daily.churned_customers + excluded.churned_customers
                """, deltas, (ps, d) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, d.dimension());
            ps.setString(3, d.value());
            ps.setDate(4, Date.valueOf(d.day()));
            for (int i = 0; i < 5; i++) {
                ps.setBigDecimal(5 + i, d.mrr()[i]);
            }
            ps.setInt(10, d.newCustomers());
            ps.setInt(11, d.reactivatedCustomers());
            ps.setInt(12, d.churnedCustomers());
        });
    }

    /** The re-check instants of customers (a null instant: no re-check), rendered for {@link #setRechecks} ahead. */
    public record Rechecks(Jdbc.TextArray customerIds, List<Map.Entry<String, Instant>> due) {

        public static Rechecks of(Map<String, Instant> dueAtByCustomer) {
            return new Rechecks(Jdbc.TextArray.of(dueAtByCustomer.keySet()),
                    dueAtByCustomer.entrySet().stream().filter(e -> e.getValue() != null).toList());
        }
    }

    /** Replaces the re-check instants of the given customers. */
    public void setRechecks(TenantId tenant, Rechecks rechecks) {
        jdbc.update("DELETE FROM customer_recheck WHERE tenant_id = ? AND customer_id = ANY(?::text[])", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, rechecks.customerIds());
        });
        jdbc.batch("INSERT INTO customer_recheck (tenant_id, customer_id, due_at) VALUES (?, ?, ?)", rechecks.due(), (ps, e) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, e.getKey());
            ps.setTimestamp(3, Timestamp.from(e.getValue()));
        });
    }

    /** Tenants with customers whose re-check is due, for the background job. */
    public List<String> tenantsWithDueRechecks(Instant now) {
        return jdbc.list("SELECT DISTINCT tenant_id FROM customer_recheck WHERE due_at <= ?",
                ps -> ps.setTimestamp(1, Timestamp.from(now)), rs -> rs.getString(1));
    }

    public List<String> dueRechecks(TenantId tenant, Instant now) {
        return jdbc.list("SELECT customer_id FROM customer_recheck WHERE tenant_id = ? AND due_at <= ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setTimestamp(2, Timestamp.from(now));
        }, rs -> rs.getString(1));
    }
}
