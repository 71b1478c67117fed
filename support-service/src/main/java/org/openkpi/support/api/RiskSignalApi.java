package org.openkpi.support.api;

import java.time.Clock;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.support.api.error.ApiErrors;
import org.openkpi.support.api.security.RequiresRole;
import org.openkpi.support.api.security.Role;
import org.openkpi.support.api.model.SupportRiskSignalConnection;
import org.openkpi.support.service.RiskSignalService;
import org.openkpi.support.service.TenantCalendar;
import org.openkpi.support.tenant.CurrentTenant;
import org.openkpi.support.tenant.TenantId;

/** Churn-risk signals in bulk, for the gateway's ranking. */
@GraphQLApi
@ApiErrors
public class RiskSignalApi {

    private final RiskSignalService signals;
    private final TenantCalendar calendar;
    private final CurrentTenant tenant;
    private final Clock clock;

    public RiskSignalApi(RiskSignalService signals, TenantCalendar calendar, CurrentTenant tenant, Clock clock) {
        this.signals = signals;
        this.calendar = calendar;
        this.tenant = tenant;
        this.clock = clock;
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("The customers for which a support risk signal fires, ordered by customerId, paged (first at most 5000); asOf"
            + " defaults to today in the tenant's zone and windows are whole days ending at asOf, exclusive. ticketVolumeRising:"
            + " ticketsLast30 >= 3 and ticketsLast30 >= 2 * ticketsPrevious30; lowCsat: csatResponsesLast90 >= 2 and"
            + " csatLast90.value < 0.5 (CSAT = responses rated 4 or 5 / all responses).")
    public @NonNull SupportRiskSignalConnection supportRiskSignals(@Name("asOf") LocalDate asOf,
            @DefaultValue("500") @Name("first") Integer first, @Name("after") String after) {
        TenantId t = tenant.get();
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock.withZone(calendar.hours(t).zone()));
        return signals.signals(t, day, first == null ? 500 : first, after);
    }
}
