package org.openkpi.retention.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.retention.api.error.ApiErrors;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.api.model.RetentionRiskSignalConnection;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.service.FeedAccess;
import org.openkpi.retention.service.FeedSync;
import org.openkpi.retention.service.RiskSignalService;
import org.openkpi.retention.tenant.CurrentTenant;
import org.openkpi.retention.tenant.TenantId;

/** Churn-risk signals in bulk, for the gateway's ranking. */
@GraphQLApi
@ApiErrors
public class RiskSignalApi {

    private final RiskSignalService signals;
    private final SettingsRepository settings;
    private final FeedSync sync;
    private final CurrentTenant tenant;
    private final FeedAccess feed;
    private final Clock clock;

    public RiskSignalApi(RiskSignalService signals, SettingsRepository settings, FeedSync sync, CurrentTenant tenant, FeedAccess feed, Clock clock) {
        this.signals = signals;
        this.settings = settings;
        this.sync = sync;
        this.tenant = tenant;
        this.feed = feed;
        this.clock = clock;
    }

    @Query
    @Description("The customers paying at asOf (default today in the tenant's zone; MRR > 0 after the movements dated before asOf)"
            + " for which a retention risk signal fires, ordered by customerId, paged (first at most 5000). Windows are whole days"
            + " ending at asOf, exclusive. activityFalling: activeDaysPrevious30 >= 4 and activeDaysLast30 * 2 <="
            + " activeDaysPrevious30; npsDetractor: latest NPS response of the 180 days before asOf scored <= 6; slowOnboarding:"
            + " signed up in the 180 days before asOf and onboarding took >= 14 days, or not activated and signed up 14+ days"
            + " before asOf.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull RetentionRiskSignalConnection retentionRiskSignals(@Name("asOf") LocalDate asOf,
            @DefaultValue("500") @Name("first") Integer first, @Name("after") String after) {
        TenantId t = tenant.get();
        sync.beforeRequest(t, feed);
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock.withZone(ZoneId.of(settings.find(t).timeZone())));
        return signals.signals(t, day, first == null ? 500 : first, after);
    }
}
