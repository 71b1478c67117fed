package org.openkpi.support.api;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.support.api.error.ApiErrors;
import org.openkpi.support.api.security.RequiresRole;
import org.openkpi.support.api.security.Role;
import org.openkpi.support.api.model.AgentResolutionRate;
import org.openkpi.support.api.model.BacklogEntry;
import org.openkpi.support.api.model.CustomerSupport;
import org.openkpi.support.api.model.DateRangeInput;
import org.openkpi.support.api.model.DurationPoint;
import org.openkpi.support.api.model.Granularity;
import org.openkpi.support.api.model.ResolutionKind;
import org.openkpi.support.api.model.SupportDimension;
import org.openkpi.support.api.model.SupportFilterInput;
import org.openkpi.support.api.model.SupportPoint;
import org.openkpi.support.api.model.TeamResolutionRate;
import org.openkpi.support.api.model.SupportSettings;
import org.openkpi.support.service.SettingsService;
import org.openkpi.support.service.SupportQueryService;
import org.openkpi.support.tenant.CurrentTenant;

/** Support KPI queries; the tenant is always the token's. */
@GraphQLApi
@ApiErrors
public class SupportQueryApi {

    private final SupportQueryService queries;
    private final SettingsService settings;
    private final CurrentTenant tenant;

    public SupportQueryApi(SupportQueryService queries, SettingsService settings, CurrentTenant tenant) {
        this.queries = queries;
        this.settings = settings;
        this.tenant = tenant;
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("First response time per period: creation to the first public reply by a human agent, for tickets whose"
            + " first response falls in the period; mean, median, p90 in calendar and business hours.")
    public @NonNull List<@NonNull DurationPoint> firstResponseTime(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            SupportFilterInput filter, SupportDimension groupBy) {
        return queries.firstResponseTime(tenant.get(), range, granularity, filter, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Resolution time per period: FULL (default) = creation to the last resolve of tickets resolved now, on the"
            + " day of that resolve; FIRST = creation to the first resolve. Mean, median, p90 in calendar and business hours.")
    public @NonNull List<@NonNull DurationPoint> resolutionTime(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            SupportFilterInput filter, SupportDimension groupBy, @DefaultValue("FULL") ResolutionKind resolution) {
        return queries.resolutionTime(tenant.get(), range, granularity, filter, groupBy,
                resolution == null ? ResolutionKind.FULL : resolution);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Per period: tickets created and resolved, CSAT, automation resolution rate, one-touch resolution rate,"
            + " follow-ups per ticket and SLA breach rates (group by PRIORITY for the breach rate per priority).")
    public @NonNull List<@NonNull SupportPoint> supportSeries(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            SupportFilterInput filter, SupportDimension groupBy) {
        return queries.supportSeries(tenant.get(), range, granularity, filter, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("The agent leaderboard: tickets resolved per agent per working day in the range, most resolved first.")
    public @NonNull List<@NonNull AgentResolutionRate> agentResolutionRates(@NonNull DateRangeInput range,
            @Description("Only this team's agents") String teamId) {
        return queries.agentResolutionRates(tenant.get(), range, teamId);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Per team, the mean of tickets resolved per agent per working day in the range.")
    public @NonNull List<@NonNull TeamResolutionRate> teamResolutionRates(@NonNull DateRangeInput range) {
        return queries.teamResolutionRates(tenant.get(), range);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Backlog: tickets open at an instant (ISO-8601), the total first (group null), then per group if grouped"
            + " (CHANNEL, PRIORITY, AGENT or TEAM).")
    public @NonNull List<@NonNull BacklogEntry> backlog(@NonNull String at, SupportDimension groupBy) {
        return queries.backlog(tenant.get(), at, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("One customer (by the tenant's external id): tickets open now, tickets created per period, CSAT in the range.")
    public @NonNull CustomerSupport customerSupport(@NonNull String customerId, @NonNull DateRangeInput range,
            @DefaultValue("MONTH") Granularity granularity) {
        return queries.customerSupport(tenant.get(), customerId, range, granularity == null ? Granularity.MONTH : granularity);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("The tenant's support settings.")
    public @NonNull SupportSettings supportSettings() {
        return SettingsMapper.toApi(settings.get(tenant.get()));
    }
}
