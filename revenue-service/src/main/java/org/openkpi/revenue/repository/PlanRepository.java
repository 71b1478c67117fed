package org.openkpi.revenue.repository;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;

@ApplicationScoped
public class PlanRepository {

    private final Jdbc jdbc;

    public PlanRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Every plan of the tenant by code (a tenant has tens of plans, not millions). */
    public Map<String, PlanRow> findAll(TenantId tenant) {
        Map<String, PlanRow> plans = new LinkedHashMap<>();
        jdbc.each("SELECT code, name, price, currency, interval_months, tier, content_hash FROM plan WHERE tenant_id = ? ORDER BY code",
                ps -> ps.setString(1, tenant.value()),
                rs -> plans.put(rs.getString(1), new PlanRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7))));
        return plans;
    }

    public void upsert(TenantId tenant, Collection<PlanRow> plans) {
        jdbc.batch("""
                INSERT INTO plan (tenant_id, code, name, price, currency, interval_months, tier, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, price = excluded.price,
                  currency = excluded.currency, interval_months = excluded.interval_months, tier = excluded.tier,
                  content_hash = excluded.content_hash
                """, plans, (ps, p) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, p.code());
            ps.setString(3, p.name());
            ps.setBigDecimal(4, p.price());
            ps.setString(5, p.currency());
            ps.setInt(6, p.intervalMonths());
            ps.setString(7, p.tier());
            ps.setString(8, p.contentHash());
        });
    }
}
