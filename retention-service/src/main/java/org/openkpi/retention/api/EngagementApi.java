package org.openkpi.retention.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.retention.api.error.ApiErrors;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.api.model.CustomerRetention;
import org.openkpi.retention.api.model.DateRangeInput;
import org.openkpi.retention.api.model.EngagementPoint;
import org.openkpi.retention.api.model.Granularity;
import org.openkpi.retention.api.model.NpsPoint;
import org.openkpi.retention.api.model.OnboardingPoint;
import org.openkpi.retention.api.model.RepeatPurchasePoint;
import org.openkpi.retention.api.model.RetentionSettings;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.repository.SettingsRepository.SettingsRow;
import org.openkpi.retention.service.CustomerService;
import org.openkpi.retention.service.EngagementService;
import org.openkpi.retention.service.FeedAccess;
import org.openkpi.retention.service.FeedSync;
import org.openkpi.retention.tenant.CurrentTenant;
import org.openkpi.retention.tenant.TenantId;

/** Engagement, NPS, onboarding, repeat purchases, one customer's retention picture and the tenant's settings. */
@GraphQLApi
@ApiErrors
public class EngagementApi {

    private final EngagementService engagement;
    private final CustomerService customers;
    private final SettingsRepository settings;
    private final FeedSync sync;
    private final CurrentTenant tenant;
    private final FeedAccess feed;
    private final Clock clock;

    public EngagementApi(EngagementService engagement, CustomerService customers, SettingsRepository settings, FeedSync sync,
            CurrentTenant tenant, FeedAccess feed, Clock clock) {
        this.engagement = engagement;
        this.customers = customers;
        this.settings = settings;
        this.sync = sync;
        this.tenant = tenant;
        this.feed = feed;
        this.clock = clock;
    }

    @Query
    @Description("Per period: mean daily active users over its days, distinct active users (MAU for a month) and stickiness ="
            + " mean DAU / distinct active users (DAU/MAU).")
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<@NonNull EngagementPoint> engagementSeries(@NonNull @Name("range") DateRangeInput range,
            @NonNull @Name("granularity") Granularity granularity) {
        return engagement.engagement(tenant.get(), range.from(), range.to(), granularity);
    }

    @Query
    @Description("NPS per period = % promoters (9-10) - % detractors (0-6) of the responses in it, with the counts.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<@NonNull NpsPoint> npsSeries(@NonNull @Name("range") DateRangeInput range,
            @NonNull @Name("granularity") Granularity granularity) {
        return engagement.nps(tenant.get(), range.from(), range.to(), granularity);
    }

    @Query
    @Description("Time to onboard (days from sign-up to activation) of the customers who signed up in each period, and the share"
            + " of them whose onboarding took 14 days or more.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<@NonNull OnboardingPoint> timeToOnboard(@NonNull @Name("range") DateRangeInput range,
            @NonNull @Name("granularity") Granularity granularity) {
        return engagement.onboarding(tenant.get(), range.from(), range.to(), granularity);
    }

    @Query
    @Description("Repeat purchase rate per period = customers with 2+ purchases in it / customers with 1+.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<@NonNull RepeatPurchasePoint> repeatPurchaseRate(@NonNull @Name("range") DateRangeInput range,
            @NonNull @Name("granularity") Granularity granularity) {
        return engagement.repeatPurchases(tenant.get(), range.from(), range.to(), granularity);
    }

    @Query
    @Description("One customer's churn and reactivation history, MRR movements, NPS responses, recent activity and onboarding, as of"
            + " the end of asOf (default today). NOT_FOUND when the tenant has nothing about the customer.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull CustomerRetention customerRetention(@NonNull @Name("customerId") String customerId, @Name("asOf") LocalDate asOf) {
        TenantId t = tenant.get();
        sync.beforeRequest(t, feed);
        return customers.customer(t, customerId, asOf == null ? LocalDate.now(clock.withZone(ZoneId.of(settings.find(t).timeZone()))) : asOf);
    }

    @Query
    @Description("The tenant's settings in retention-service.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull RetentionSettings retentionSettings() {
        SettingsRow s = settings.find(tenant.get());
        return new RetentionSettings(s.timeZone(), s.currency());
    }
}
