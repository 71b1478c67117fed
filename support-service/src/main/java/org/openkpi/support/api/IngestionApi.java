package org.openkpi.support.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openkpi.support.api.error.ApiErrors;
import org.openkpi.support.api.security.RequiresRole;
import org.openkpi.support.api.security.Role;
import org.openkpi.support.api.model.AgentInput;
import org.openkpi.support.api.model.CsatResponseInput;
import org.openkpi.support.api.model.IngestResult;
import org.openkpi.support.api.model.TeamInput;
import org.openkpi.support.api.model.SupportSettings;
import org.openkpi.support.api.model.SupportSettingsInput;
import org.openkpi.support.api.model.TicketEventInput;
import org.openkpi.support.api.model.TicketInput;
import org.openkpi.support.service.IngestionService;
import org.openkpi.support.service.SettingsService;
import org.openkpi.support.tenant.CurrentTenant;

/**
 * Ingestion mutations: one per fact kind, each taking a list that is written all or nothing (at most
 * kpi.ingest.max-batch-size elements) and is idempotent by tenant-scoped external id.
 */
@GraphQLApi
@ApiErrors
public class IngestionApi {

    private final IngestionService ingestion;
    private final SettingsService settings;
    private final CurrentTenant tenant;

    public IngestionApi(IngestionService ingestion, SettingsService settings, CurrentTenant tenant) {
        this.ingestion = ingestion;
        this.settings = settings;
        this.tenant = tenant;
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records support teams (by externalId).")
    public @NonNull IngestResult recordTeams(@NonNull @Name("teams") List<@NonNull TeamInput> teams) {
        return ingestion.recordTeams(tenant.get(), teams);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records agents (by externalId). A changed team moves the agent's tickets to the new team in every KPI.")
    public @NonNull IngestResult recordAgents(@NonNull @Name("agents") List<@NonNull AgentInput> agents) {
        return ingestion.recordAgents(tenant.get(), agents);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records tickets (by externalId); a changed ticket is re-derived.")
    public @NonNull IngestResult recordTickets(@NonNull @Name("tickets") List<@NonNull TicketInput> tickets) {
        return ingestion.recordTickets(tenant.get(), tickets);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records ticket events (by externalId), in any order and late: every ticket touched is re-derived from all"
            + " of its stored events (sorted by instant, then externalId) and every KPI it touches is corrected.")
    public @NonNull IngestResult recordTicketEvents(@NonNull @Name("events") List<@NonNull TicketEventInput> events) {
        return ingestion.recordTicketEvents(tenant.get(), events);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records CSAT survey responses (by externalId).")
    public @NonNull IngestResult recordCsatResponses(@NonNull @Name("responses") List<@NonNull CsatResponseInput> responses) {
        return ingestion.recordCsatResponses(tenant.get(), responses);
    }

    @Mutation
    @RequiresRole(Role.ADMIN)
    @Description("Changes the tenant's time zone, business hours, holidays and SLA targets; every ticket is re-derived.")
    public @NonNull SupportSettings updateSupportSettings(@NonNull @Name("settings") SupportSettingsInput input) {
        return SettingsMapper.toApi(settings.update(tenant.get(), input));
    }
}
