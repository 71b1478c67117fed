package org.openkpi.support.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openkpi.support.api.error.ApiException;
import org.openkpi.support.api.error.ErrorCode;
import org.openkpi.support.api.model.AgentInput;
import org.openkpi.support.api.model.CsatResponseInput;
import org.openkpi.support.api.model.IngestResult;
import org.openkpi.support.api.model.TeamInput;
import org.openkpi.support.api.model.TicketEventInput;
import org.openkpi.support.api.model.TicketInput;
import org.openkpi.support.api.model.TicketOpener;
import org.openkpi.support.engine.TicketEvent;
import org.openkpi.support.engine.TicketEventType;
import org.openkpi.support.engine.TicketFacts;
import org.openkpi.support.repository.MetricsRepository;
import org.openkpi.support.repository.PeopleRepository;
import org.openkpi.support.repository.PeopleRepository.AgentRow;
import org.openkpi.support.repository.PeopleRepository.TeamRow;
import org.openkpi.support.repository.RollupDelta;
import org.openkpi.support.repository.StoredRef;
import org.openkpi.support.repository.TenantLock;
import org.openkpi.support.repository.TicketRepository;
import org.openkpi.support.repository.TicketRepository.CsatRow;
import org.openkpi.support.tenant.TenantId;

/**
 * Batched, all-or-nothing, idempotent ingestion. Each call validates every element first (an error names
 * the element's index and field and writes nothing), then, in one transaction under the tenant lock,
 * subtracts the current contributions of the tickets the batch touches, writes the facts, re-derives those
 * tickets from all their stored events and applies the net change to the rollups.
 */
@ApplicationScoped
public class IngestionService {

    private final int maxBatchSize;
    private final TenantLock lock;
    private final PeopleRepository people;
    private final TicketRepository tickets;
    private final MetricsRepository metrics;
    private final DerivationService derivation;

    public IngestionService(@ConfigProperty(name = "kpi.ingest.max-batch-size") int maxBatchSize, TenantLock lock,
            PeopleRepository people, TicketRepository tickets, MetricsRepository metrics, DerivationService derivation) {
        this.maxBatchSize = maxBatchSize;
        this.lock = lock;
        this.people = people;
        this.tickets = tickets;
        this.metrics = metrics;
        this.derivation = derivation;
    }

    private void checkSize(List<?> batch) {
        if (batch == null) {
            throw ApiException.validation("batch", "is required");
        }
        if (batch.size() > maxBatchSize) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "a batch holds at most " + maxBatchSize + " elements, got "
                    + batch.size(), null, "batch");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == null) {
                throw ApiException.validation(i, "element", "is null");
            }
        }
    }

    @Transactional
    public IngestResult recordTeams(TenantId tenant, List<TeamInput> inputs) {
        checkSize(inputs);
        List<Batch.Item<TeamRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TeamInput t = inputs.get(i);
            String id = Fields.id(i, "externalId", t.externalId());
            String name = Fields.optionalName(i, "name", t.name());
            String hash = ContentHash.of(id, name);
            items.add(new Batch.Item<>(i, id, hash, new TeamRow(id, name, hash)));
        }
        lock.lock(tenant);
        Map<String, TeamRow> stored = people.teams(tenant);
        Batch<TeamRow> batch = Batch.classify(items, ids -> hashes(stored, TeamRow::contentHash));
        people.upsertTeams(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        return batch.result();
    }

    @Transactional
    public IngestResult recordAgents(TenantId tenant, List<AgentInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        Set<String> teams = people.teams(tenant).keySet();
        List<Batch.Item<AgentRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            AgentInput a = inputs.get(i);
            String id = Fields.id(i, "externalId", a.externalId());
            String name = Fields.optionalName(i, "name", a.name());
            String team = Fields.optionalId(i, "teamId", a.teamId());
            if (team != null && !teams.contains(team)) {
                throw ApiException.validation(i, "teamId", "unknown team '" + team + "': record it with recordTeams first");
            }
            String hash = ContentHash.of(id, name, team);
            items.add(new Batch.Item<>(i, id, hash, new AgentRow(id, name, team, hash)));
        }
        Map<String, AgentRow> stored = people.agents(tenant);
        Batch<AgentRow> batch = Batch.classify(items, ids -> hashes(stored, AgentRow::contentHash));
        // a changed team moves the agent's tickets between team groups
        List<String> moved = batch.replaced().stream()
                .filter(item -> !java.util.Objects.equals(stored.get(item.id()).teamId(), item.value().teamId()))
                .map(Batch.Item::id).toList();
        List<String> affected = moved.isEmpty() ? List.of() : metrics.ticketsOfAgents(tenant, moved);
        RollupDelta delta = new RollupDelta();
        derivation.subtract(tenant, affected, delta);
        people.upsertAgents(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        derivation.rederive(tenant, affected, delta);
        derivation.apply(tenant, delta);
        return batch.result();
    }

    @Transactional
    public IngestResult recordTickets(TenantId tenant, List<TicketInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        Set<String> agents = people.agents(tenant).keySet();
        List<Batch.Item<TicketFacts>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TicketInput t = inputs.get(i);
            String id = Fields.id(i, "externalId", t.externalId());
            String customer = Fields.id(i, "customerId", t.customerId());
            String channel = Fields.id(i, "channel", t.channel());
            String priority = Fields.id(i, "priority", t.priority());
            Instant created = Fields.instant(i, "createdAt", t.createdAt());
            boolean byAgent = t.openedBy() == TicketOpener.AGENT;
            String opener = Fields.optionalId(i, "openedByAgentId", t.openedByAgentId());
            if (byAgent && opener == null) {
                throw ApiException.validation(i, "openedByAgentId", "is required when openedBy is AGENT");
            }
            if (!byAgent && opener != null) {
                throw ApiException.validation(i, "openedByAgentId", "must be omitted unless openedBy is AGENT");
            }
            requireAgent(agents, i, "openedByAgentId", opener);
            TicketFacts facts = new TicketFacts(id, customer, channel, priority, created, byAgent, opener);
            items.add(new Batch.Item<>(i, id, ContentHash.of(id, customer, channel, priority, created, byAgent, opener), facts));
        }
        Batch<TicketFacts> batch = Batch.classify(items, ids -> hashes(tickets.storedTickets(tenant, ids), StoredRef::contentHash));
        List<String> affected = batch.changed().stream().map(Batch.Item::id).toList();
        RollupDelta delta = new RollupDelta();
        derivation.subtract(tenant, affected, delta);
        tickets.upsertTickets(tenant, batch.changed().stream().map(item -> Map.entry(item.value(), item.hash())).toList());
        derivation.rederive(tenant, affected, delta);
        derivation.apply(tenant, delta);
        return batch.result();
    }

    @Transactional
    public IngestResult recordTicketEvents(TenantId tenant, List<TicketEventInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        Set<String> agents = people.agents(tenant).keySet();
        List<Batch.Item<TicketEvent>> items = new ArrayList<>();
        Set<String> ticketIds = new LinkedHashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            TicketEventInput e = inputs.get(i);
            String id = Fields.id(i, "externalId", e.externalId());
            String ticket = Fields.id(i, "ticketId", e.ticketId());
            if (e.type() == null) {
                throw ApiException.validation(i, "type", "is required");
            }
            TicketEventType type = TicketEventType.valueOf(e.type().name());
            Instant at = Fields.instant(i, "at", e.at());
            String agent = null;
            if (type.needsAgent()) {
                agent = Fields.id(i, "agentId", e.agentId());
                requireAgent(agents, i, "agentId", agent);
            }
            ticketIds.add(ticket);
            items.add(new Batch.Item<>(i, id, ContentHash.of(id, ticket, type, at, agent), new TicketEvent(id, ticket, type, at, agent)));
        }
        requireTickets(tenant, ticketIds, items, item -> item.value().ticketId());
        Map<String, StoredRef> stored = new HashMap<>();
        Batch<TicketEvent> batch = Batch.classify(items, ids -> {
            stored.putAll(tickets.storedEvents(tenant, ids));
            return hashes(stored, StoredRef::contentHash);
        });
        Set<String> affected = affectedTickets(batch.changed(), stored, item -> item.value().ticketId());
        RollupDelta delta = new RollupDelta();
        derivation.subtract(tenant, affected, delta);
        tickets.upsertEvents(tenant, batch.changed().stream().map(item -> Map.entry(item.value(), item.hash())).toList());
        derivation.rederive(tenant, affected, delta);
        derivation.apply(tenant, delta);
        return batch.result();
    }

    @Transactional
    public IngestResult recordCsatResponses(TenantId tenant, List<CsatResponseInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<CsatRow>> items = new ArrayList<>();
        Set<String> ticketIds = new LinkedHashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            CsatResponseInput c = inputs.get(i);
            String id = Fields.id(i, "externalId", c.externalId());
            String ticket = Fields.id(i, "ticketId", c.ticketId());
            if (c.rating() == null || c.rating() < 1 || c.rating() > 5) {
                throw ApiException.validation(i, "rating", "must be 1 to 5");
            }
            Instant at = Fields.instant(i, "respondedAt", c.respondedAt());
            ticketIds.add(ticket);
            items.add(new Batch.Item<>(i, id, ContentHash.of(id, ticket, c.rating(), at), new CsatRow(id, ticket, c.rating(), at)));
        }
        requireTickets(tenant, ticketIds, items, item -> item.value().ticketId());
        Map<String, StoredRef> stored = new HashMap<>();
        Batch<CsatRow> batch = Batch.classify(items, ids -> {
            stored.putAll(tickets.storedCsat(tenant, ids));
            return hashes(stored, StoredRef::contentHash);
        });
        Set<String> affected = affectedTickets(batch.changed(), stored, item -> item.value().ticketId());
        RollupDelta delta = new RollupDelta();
        derivation.subtract(tenant, affected, delta);
        tickets.upsertCsat(tenant, batch.changed().stream().map(item -> Map.entry(item.value(), item.hash())).toList());
        derivation.rederive(tenant, affected, delta);
        derivation.apply(tenant, delta);
        return batch.result();
    }

    private static void requireAgent(Set<String> agents, int index, String field, String agent) {
        if (agent != null && !agents.contains(agent)) {
            throw ApiException.validation(index, field, "unknown agent '" + agent + "': record it with recordAgents first");
        }
    }

    private <T> void requireTickets(TenantId tenant, Set<String> ticketIds, List<Batch.Item<T>> items,
            java.util.function.Function<Batch.Item<T>, String> ticketOf) {
        Set<String> known = tickets.storedTickets(tenant, ticketIds).keySet();
        for (Batch.Item<T> item : items) {
            if (!known.contains(ticketOf.apply(item))) {
                throw ApiException.validation(item.index(), "ticketId", "unknown ticket '" + ticketOf.apply(item)
                        + "': record it with recordTickets first");
            }
        }
    }

    /** The tickets of the changed items, and for replaced items also the ticket they belonged to before. */
    private static <T> Set<String> affectedTickets(List<Batch.Item<T>> changed, Map<String, StoredRef> stored,
            java.util.function.Function<Batch.Item<T>, String> ticketOf) {
        Set<String> out = new LinkedHashSet<>();
        for (Batch.Item<T> item : changed) {
            out.add(ticketOf.apply(item));
            StoredRef before = stored.get(item.id());
            if (before != null) {
                out.add(before.ticketId());
            }
        }
        return out;
    }

    private static <T> Map<String, String> hashes(Map<String, T> stored, java.util.function.Function<T, String> hashOf) {
        Map<String, String> out = new HashMap<>();
        stored.forEach((id, row) -> out.put(id, hashOf.apply(row)));
        return out;
    }
}
