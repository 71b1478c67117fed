package org.openkpi.retention.repository;

import java.sql.Date;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.ledger.CustomerSummary;
import org.openkpi.retention.tenant.TenantId;

/** The derived per-customer summary of the ledger. */
@ApplicationScoped
public class CustomerStateRepository {

    private final Jdbc jdbc;

    public CustomerStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void save(TenantId tenant, Collection<CustomerSummary> summaries) {
        jdbc.batch("""
                INSERT INTO customer_state (tenant_id, customer_id, first_payment_day, mrr, plan_code, country, segment, channel,
                  last_movement_day, churns, reactivations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, customer_id) DO UPDATE SET first_payment_day = excluded.first_payment_day,
                  mrr = excluded.mrr, plan_code = excluded.plan_code, country = excluded.country, segment = excluded.segment,
                  channel = excluded.channel, last_movement_day = excluded.last_movement_day, churns = excluded.churns,
                  reactivations = excluded.reactivations
                """, summaries, (ps, s) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, s.customerId());
            if (s.firstPaymentDay() == null) {
                ps.setNull(3, Types.DATE);
            } else {
                ps.setDate(3, Date.valueOf(s.firstPaymentDay()));
            }
            ps.setBigDecimal(4, s.mrr());
            ps.setString(5, s.planCode());
            ps.setString(6, s.country());
            ps.setString(7, s.segment());
            ps.setString(8, s.channel());
            ps.setDate(9, Date.valueOf(s.lastMovementDay()));
            ps.setInt(10, s.churns());
            ps.setInt(11, s.reactivations());
        });
    }

    public void delete(TenantId tenant, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM customer_state WHERE tenant_id = ? AND customer_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        });
    }

    public CustomerSummary find(TenantId tenant, String customerId) {
        List<CustomerSummary> rows = jdbc.list("""
                SELECT customer_id, first_payment_day, mrr, plan_code, country, segment, channel, last_movement_day, churns,
                  reactivations FROM customer_state WHERE tenant_id = ? AND customer_id = ?
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> new CustomerSummary(rs.getString(1), rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(),
                rs.getBigDecimal(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getDate(8).toLocalDate(), rs.getInt(9), rs.getInt(10)));
        return rows.isEmpty() ? null : rows.get(0);
    }
}
