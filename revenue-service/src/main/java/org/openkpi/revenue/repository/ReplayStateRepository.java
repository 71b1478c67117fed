package org.openkpi.revenue.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;

/**
 * Writes the customers' replay states: the column {@code customer.replay_state} (V7__replay_state_on_customer.sql), as
 * bytes. They are read with the customer rows ({@link CustomerRepository#findWithReplayStates}). A stored state may be
 * some events behind its customer's history (the service stores it only every few events, see
 * {@code service.KnownState}).
 */
@ApplicationScoped
public class ReplayStateRepository {

    private final Jdbc jdbc;

    public ReplayStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Customers' encoded states made ready for {@link #save} ({@link #render}), ahead (before the tenant lock): their ids
     * as a text[] literal and, in the same order, their states.
     */
    public record RenderedStates(Jdbc.TextArray customerIds, byte[][] states) {

        public int size() {
            return states.length;
        }
    }

    /** The states (per customer, as {@code ReplayStateCodec} encodes them) as parallel arrays. */
    public static RenderedStates render(Map<String, byte[]> states) {
        List<String> ids = new ArrayList<>(states.size());
        byte[][] encoded = new byte[states.size()][];
        states.forEach((id, state) -> {
            encoded[ids.size()] = state;
            ids.add(id);
        });
        return new RenderedStates(Jdbc.TextArray.of(ids), encoded);
    }

    /**
     * Stores these customers' states, replacing their earlier ones (the customers exist: events require them). The states
     * go as one bytea[] parameter in binary form: neither side encodes or parses them as text.
     */
    public void save(TenantId tenant, RenderedStates states) {
        if (states.size() == 0) {
            return;
        }
        jdbc.update("""
                UPDATE customer c SET replay_state = s.state
                FROM unnest(?::text[], ?::bytea[]) AS s(customer_id, state)
                WHERE c.tenant_id = ? AND c.external_id = s.customer_id
                """, ps -> {
            Jdbc.setTextArray(ps, 1, states.customerIds());
            Jdbc.setByteaArray(ps, 2, states.states());
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
