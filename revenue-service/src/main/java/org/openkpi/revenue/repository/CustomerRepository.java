package org.openkpi.revenue.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;
import org.openkpi.revenue.util.Maps;

@ApplicationScoped
public class CustomerRepository {

    private final Jdbc jdbc;

    public CustomerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, CustomerRow> find(TenantId tenant, Collection<String> externalIds) {
        return read(tenant, externalIds, false).rows();
    }

    /** Customers and, where stored, their replay states (the binary form of {@code ReplayStateCodec}). */
    public record WithReplayStates(Map<String, CustomerRow> rows, Map<String, byte[]> replayStates) {
    }

    /** As {@link #find}, with the customers' stored replay states read in the same statement. */
    public WithReplayStates findWithReplayStates(TenantId tenant, Collection<String> externalIds) {
        return read(tenant, externalIds, true);
    }

    private WithReplayStates read(TenantId tenant, Collection<String> externalIds, boolean withStates) {
        if (externalIds.isEmpty()) {
            return new WithReplayStates(new HashMap<>(), Map.of());
        }
        Map<String, CustomerRow> found = Maps.hashMap(externalIds.size());
        Map<String, byte[]> states = withStates ? Maps.hashMap(externalIds.size()) : Map.of(); // filled only withStates
        jdbc.each("SELECT external_id, name, country, segment, channel, content_hash" + (withStates ? ", replay_state" : "")
                + " FROM customer WHERE tenant_id = ? AND external_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, externalIds);
        }, rs -> {
            String id = rs.getString(1);
            found.put(id, new CustomerRow(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
            byte[] state = withStates ? rs.getBytes(7) : null;
            if (state != null) {
                states.put(id, state);
            }
        });
        return new WithReplayStates(found, states);
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
