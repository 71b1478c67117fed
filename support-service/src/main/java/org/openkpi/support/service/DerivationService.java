package org.openkpi.support.service;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.engine.Contribution;
import org.openkpi.support.engine.Contributions;
import org.openkpi.support.engine.CsatFact;
import org.openkpi.support.engine.Derivation;
import org.openkpi.support.engine.Dim;
import org.openkpi.support.engine.OpenInterval;
import org.openkpi.support.engine.TicketDeriver;
import org.openkpi.support.engine.TicketFacts;
import org.openkpi.support.engine.TicketMetrics;
import org.openkpi.support.repository.MetricsRepository;
import org.openkpi.support.repository.RollupDelta;
import org.openkpi.support.repository.RollupRepository;
import org.openkpi.support.repository.TicketRepository;
import org.openkpi.support.tenant.TenantId;

/**
 * Keeps ticket_metrics and the rollups equal to what the stored facts say. A write first subtracts the
 * current contributions of the tickets it touches ({@link #subtract}), then changes the facts, then
 * re-derives those tickets from all of their stored events and adds the new contributions
 * ({@link #rederive}); {@link #apply} writes the net change. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class DerivationService {

    static final int CHUNK = 2000;

    private final TicketRepository tickets;
    private final MetricsRepository metrics;
    private final RollupRepository rollups;
    private final TenantCalendar calendar;

    public DerivationService(TicketRepository tickets, MetricsRepository metrics, RollupRepository rollups,
            TenantCalendar calendar) {
        this.tickets = tickets;
        this.metrics = metrics;
        this.rollups = rollups;
        this.calendar = calendar;
    }

    /** Subtracts what the tickets contribute now (as stored) from the delta. */
    public void subtract(TenantId tenant, Collection<String> ticketIds, RollupDelta delta) {
        if (ticketIds.isEmpty()) {
            return;
        }
        ZoneId zone = calendar.hours(tenant).zone();
        for (List<String> chunk : chunks(ticketIds)) {
            Map<String, TicketMetrics> stored = metrics.find(tenant, chunk);
            Map<String, List<OpenInterval>> spans = metrics.intervals(tenant, chunk);
            Map<String, List<CsatFact>> csat = tickets.csat(tenant, chunk);
            for (TicketMetrics m : stored.values()) {
                add(delta, m, spans.getOrDefault(m.ticketId(), List.of()), csat.getOrDefault(m.ticketId(), List.of()), zone, -1);
            }
        }
    }

    /** Re-derives the tickets from their stored facts, stores the result and adds the new contributions. */
    public void rederive(TenantId tenant, Collection<String> ticketIds, RollupDelta delta) {
        if (ticketIds.isEmpty()) {
            return;
        }
        TenantCalendar.Context ctx = calendar.context(tenant);
        for (List<String> chunk : chunks(ticketIds)) {
            rederiveChunk(tenant, chunk, delta, ctx);
        }
    }

    private void rederiveChunk(TenantId tenant, List<String> chunk, RollupDelta delta, TenantCalendar.Context ctx) {
        Map<String, TicketFacts> facts = tickets.tickets(tenant, chunk);
        Map<String, List<org.openkpi.support.engine.TicketEvent>> events = tickets.events(tenant, chunk);
        Map<String, List<CsatFact>> csat = tickets.csat(tenant, chunk);
        List<Derivation> derived = new ArrayList<>(facts.size());
        for (TicketFacts t : facts.values()) {
            Derivation d = TicketDeriver.derive(t, events.getOrDefault(t.id(), List.of()), ctx.hours(), ctx.targets(),
                    ctx.teamOfAgent()::get);
            derived.add(d);
            add(delta, d.metrics(), d.intervals(), csat.getOrDefault(t.id(), List.of()), ctx.hours().zone(), +1);
        }
        metrics.replace(tenant, chunk, derived);
    }

    public void apply(TenantId tenant, RollupDelta delta) {
        rollups.apply(tenant, delta);
    }

    /** Re-derives every ticket of the tenant from scratch (after a settings change), chunk by chunk. */
    public void rebuildAll(TenantId tenant) {
        rollups.deleteAll(tenant);
        TenantCalendar.Context ctx = calendar.context(tenant);
        for (List<String> chunk : chunks(tickets.allTicketIds(tenant))) {
            RollupDelta delta = new RollupDelta();
            rederiveChunk(tenant, chunk, delta, ctx);
            rollups.apply(tenant, delta);
        }
    }

    private static void add(RollupDelta delta, TicketMetrics m, List<OpenInterval> spans, List<CsatFact> csat, ZoneId zone,
            int sign) {
        String[] dims = Dim.valuesOf(m);
        for (Contribution c : Contributions.of(m, spans, csat, zone)) {
            delta.add(c, dims, sign);
        }
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
