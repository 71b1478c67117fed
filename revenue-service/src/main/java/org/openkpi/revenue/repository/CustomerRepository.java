package org.openkpi.revenue.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;

@ApplicationScoped
public class CustomerRepository {

    private final Jdbc jdbc;

    public CustomerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, CustomerRow> find(TenantId tenant, Collection<String> externalIds) {
        Map<String, CustomerRow> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        jdbc.each("""
                SELECT external_id, name, country, segment, channel, content_hash FROM customer
                WHERE tenant_id = ? AND external_id = ANY(?)
                """, ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, externalIds);
        }, rs -> found.put(rs.getString(1), new CustomerRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6))));
        return found;
    }

    public void upsert(TenantId tenant, Collection<CustomerRow> customers) {
        jdbc.batch("""
                INSERT INTO customer (tenant_id, external_id, name, country, segment, channel, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET name = excluded.name, country = excluded.country,
                  segment = excluded.segment, channel = excluded.channel, content_hash = excluded.content_hash
                """, customers, (ps, c) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, c.externalId());
            ps.setString(3, c.name());
            ps.setString(4, c.country());
            ps.setString(5, c.segment());
            ps.setString(6, c.channel());
            ps.setString(7, c.contentHash());
        });
    }
}
