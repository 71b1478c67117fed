package org.openkpi.support.repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.engine.CsatFact;
import org.openkpi.support.engine.TicketEvent;
import org.openkpi.support.engine.TicketEventType;
import org.openkpi.support.engine.TicketFacts;
import org.openkpi.support.tenant.TenantId;

/** Tickets, their events and their CSAT responses as ingested. */
@ApplicationScoped
public class TicketRepository {

    /** A CSAT response as stored. */
    public record CsatRow(String id, String ticketId, int rating, java.time.Instant respondedAt) {
    }

    private final Jdbc jdbc;

    public TicketRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, StoredRef> storedTickets(TenantId tenant, Collection<String> ids) {
        return stored("SELECT external_id, content_hash, external_id FROM ticket", tenant, ids);
    }

    public Map<String, StoredRef> storedEvents(TenantId tenant, Collection<String> ids) {
        return stored("SELECT external_id, content_hash, ticket_id FROM ticket_event", tenant, ids);
    }

    public Map<String, StoredRef> storedCsat(TenantId tenant, Collection<String> ids) {
        return stored("SELECT external_id, content_hash, ticket_id FROM csat_response", tenant, ids);
    }

    private Map<String, StoredRef> stored(String select, TenantId tenant, Collection<String> ids) {
        Map<String, StoredRef> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.each(select + " WHERE tenant_id = ? AND external_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ids);
        }, rs -> out.put(rs.getString(1), new StoredRef(rs.getString(2), rs.getString(3))));
        return out;
    }

    public void upsertTickets(TenantId tenant, Collection<Map.Entry<TicketFacts, String>> rows) {
        jdbc.batch("""
                INSERT INTO ticket (tenant_id, external_id, customer_id, channel, priority, created_at, opened_by,
                  opened_by_agent_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET customer_id = excluded.customer_id,
                  channel = excluded.channel, priority = excluded.priority, created_at = excluded.created_at,
                  opened_by = excluded.opened_by, opened_by_agent_id = excluded.opened_by_agent_id,
                  content_hash = excluded.content_hash
                """, rows, (ps, e) -> {
            TicketFacts t = e.getKey();
            ps.setString(1, tenant.value());
            ps.setString(2, t.id());
            ps.setString(3, t.customerId());
            ps.setString(4, t.channel());
            ps.setString(5, t.priority());
            ps.setTimestamp(6, Timestamp.from(t.createdAt()));
            ps.setString(7, t.openedByAgent() ? "AGENT" : "CUSTOMER");
            ps.setString(8, t.openedByAgentId());
            ps.setString(9, e.getValue());
        });
    }

    public void upsertEvents(TenantId tenant, Collection<Map.Entry<TicketEvent, String>> rows) {
        jdbc.batch("""
                INSERT INTO ticket_event (tenant_id, external_id, ticket_id, type, at, agent_id, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET ticket_id = excluded.ticket_id, type = excluded.type,
                  at = excluded.at, agent_id = excluded.agent_id, content_hash = excluded.content_hash
                """, rows, (ps, e) -> {
            TicketEvent ev = e.getKey();
            ps.setString(1, tenant.value());
            ps.setString(2, ev.externalId());
            ps.setString(3, ev.ticketId());
            ps.setString(4, ev.type().name());
            ps.setTimestamp(5, Timestamp.from(ev.at()));
            ps.setString(6, ev.agentId());
            ps.setString(7, e.getValue());
        });
    }

    public void upsertCsat(TenantId tenant, Collection<Map.Entry<CsatRow, String>> rows) {
        jdbc.batch("""
                INSERT INTO csat_response (tenant_id, external_id, ticket_id, rating, responded_at, content_hash)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET ticket_id = excluded.ticket_id, rating = excluded.rating,
                  responded_at = excluded.responded_at, content_hash = excluded.content_hash
                """, rows, (ps, e) -> {
            CsatRow c = e.getKey();
            ps.setString(1, tenant.value());
            ps.setString(2, c.id());
            ps.setString(3, c.ticketId());
            ps.setInt(4, c.rating());
            ps.setTimestamp(5, Timestamp.from(c.respondedAt()));
            ps.setString(6, e.getValue());
        });
    }

    public Map<String, TicketFacts> tickets(TenantId tenant, Collection<String> ids) {
        Map<String, TicketFacts> out = new HashMap<>();
        jdbc.each("""
                SELECT external_id, customer_id, channel, priority, created_at, opened_by, opened_by_agent_id
                FROM ticket WHERE tenant_id = ? AND external_id = ANY(?)
                """, ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ids);
        }, rs -> out.put(rs.getString(1), new TicketFacts(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), "AGENT".equals(rs.getString(6)), rs.getString(7))));
        return out;
    }

    public Map<String, List<TicketEvent>> events(TenantId tenant, Collection<String> ticketIds) {
        Map<String, List<TicketEvent>> out = new HashMap<>();
        jdbc.each("SELECT external_id, ticket_id, type, at, agent_id FROM ticket_event WHERE tenant_id = ? AND ticket_id = ANY(?)",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, ticketIds);
                }, rs -> out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new TicketEvent(rs.getString(1),
                        rs.getString(2), TicketEventType.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getString(5))));
        return out;
    }

    public Map<String, List<CsatFact>> csat(TenantId tenant, Collection<String> ticketIds) {
        Map<String, List<CsatFact>> out = new HashMap<>();
        jdbc.each("SELECT ticket_id, rating, responded_at FROM csat_response WHERE tenant_id = ? AND ticket_id = ANY(?)",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, ticketIds);
                }, rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new CsatFact(rs.getInt(2), rs.getTimestamp(3).toInstant())));
        return out;
    }

    /** Every ticket id of the tenant, in id order. */
    public List<String> allTicketIds(TenantId tenant) {
        return jdbc.list("SELECT external_id FROM ticket WHERE tenant_id = ? ORDER BY external_id",
                ps -> ps.setString(1, tenant.value()), rs -> rs.getString(1));
    }
}
