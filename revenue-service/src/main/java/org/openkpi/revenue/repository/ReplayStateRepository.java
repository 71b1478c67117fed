package org.openkpi.revenue.repository;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;

/** The customers' stored replay states (V5__customer_replay_state.sql), as bytes. */
@ApplicationScoped
public class ReplayStateRepository {

    private final Jdbc jdbc;

    public ReplayStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, byte[]> find(TenantId tenant, Collection<String> customerIds) {
        Map<String, byte[]> found = new HashMap<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        jdbc.each("SELECT customer_id, state FROM customer_replay_state WHERE tenant_id = ? AND customer_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        }, rs -> found.put(rs.getString(1), rs.getBytes(2)));
        return found;
    }

    /** Customers' encoded states rendered for {@link #save} ({@link #render}), ahead (before the tenant lock). */
    public record RenderedStates(int size, Jdbc.TextArray customerIds, Jdbc.TextArray base64States) {
    }

    /** The states (per customer, as {@code ReplayStateCodec} encodes them) as two parallel text[] literals. */
    public static RenderedStates render(Map<String, byte[]> states) {
        List<String> ids = new ArrayList<>(states.size());
        List<String> encoded = new ArrayList<>(states.size());
        Base64.Encoder base64 = Base64.getEncoder();
        states.forEach((id, state) -> {
            ids.add(id);
            encoded.add(base64.encodeToString(state));
        });
        return new RenderedStates(states.size(), Jdbc.TextArray.of(ids), Jdbc.TextArray.of(encoded));
    }

    /** Stores these customers' states, replacing their earlier ones. */
    public void save(TenantId tenant, RenderedStates states) {
        if (states.size() == 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO customer_replay_state (tenant_id, customer_id, state)
                SELECT ?, s.customer_id, decode(s.state, 'base64') FROM unnest(?::text[], ?::text[]) AS s(customer_id, state)
                ON CONFLICT (tenant_id, customer_id) DO UPDATE SET state = excluded.state
                """, ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, states.customerIds());
            Jdbc.setTextArray(ps, 3, states.base64States());
        });
    }

    /** Removes these customers' states (their next evaluation replays their whole history). */
    public void delete(TenantId tenant, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM customer_replay_state WHERE tenant_id = ? AND customer_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        });
    }
}
