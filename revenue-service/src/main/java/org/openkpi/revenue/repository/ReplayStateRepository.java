package org.openkpi.revenue.repository;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;

/**
 * Writes the customers' replay states: the column {@code customer.replay_state} (V7__replay_state_on_customer.sql), as
 * bytes. They are read with the customer rows ({@link CustomerRepository#findWithReplayStates}).
 */
@ApplicationScoped
public class ReplayStateRepository {

    private final Jdbc jdbc;

    public ReplayStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
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

    /** Stores these customers' states, replacing their earlier ones (the customers exist: events require them). */
    public void save(TenantId tenant, RenderedStates states) {
        if (states.size() == 0) {
            return;
        }
        jdbc.update("""
                UPDATE customer c SET replay_state = decode(s.state, 'base64')
                FROM unnest(?::text[], ?::text[]) AS s(customer_id, state)
                WHERE c.tenant_id = ? AND c.external_id = s.customer_id
                """, ps -> {
            Jdbc.setTextArray(ps, 1, states.customerIds());
            Jdbc.setTextArray(ps, 2, states.base64States());
            ps.setString(3, tenant.value());
        });
    }

    /** Removes these customers' states (their next evaluation replays their whole history). */
    public void delete(TenantId tenant, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE customer SET replay_state = NULL
                WHERE tenant_id = ? AND external_id = ANY(?) AND replay_state IS NOT NULL
                """, ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        });
    }
}
