package org.openkpi.retention.api;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Clock;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.retention.api.error.ApiErrors;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.api.model.CohortTable;
import org.openkpi.retention.api.model.DateRangeInput;
import org.openkpi.retention.api.model.RetentionFeedStatus;
import org.openkpi.retention.api.model.Granularity;
import org.openkpi.retention.api.model.RetentionDimension;
import org.openkpi.retention.api.model.RetentionFilterInput;
import org.openkpi.retention.api.model.RetentionPoint;
import org.openkpi.retention.api.model.TrailingChurn;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.service.CohortService;
import org.openkpi.retention.service.FeedStatusService;
import org.openkpi.retention.service.FeedAccess;
import org.openkpi.retention.service.FeedSync;
import org.openkpi.retention.service.RetentionQueryService;
import org.openkpi.retention.tenant.CurrentTenant;
import org.openkpi.retention.tenant.TenantId;

/** Churn, NRR/GRR, cohorts and the change-feed status. Every query first catches the tenant up with the feed. */
@GraphQLApi
@ApiErrors
public class RetentionQueryApi {

    private final RetentionQueryService retention;
    private final CohortService cohorts;
    private final FeedSync sync;
    private final FeedStatusService status;
    private final SettingsRepository settings;
    private final CurrentTenant tenant;
    private final FeedAccess feed;
    private final Clock clock;

    public RetentionQueryApi(RetentionQueryService retention, CohortService cohorts, FeedSync sync, FeedStatusService status,
            SettingsRepository settings, CurrentTenant tenant, FeedAccess feed, Clock clock) {
        this.retention = retention;
        this.cohorts = cohorts;
        this.sync = sync;
        this.status = status;
        this.settings = settings;
        this.tenant = tenant;
        this.feed = feed;
        this.clock = clock;
    }

    private TenantId synced() {
        TenantId t = tenant.get();
        sync.beforeRequest(t, feed);
        return t;
    }

    private LocalDate today(TenantId t) {
        return LocalDate.now(clock.withZone(ZoneId.of(settings.find(t).timeZone())));
    }

    @Query
    @Description("Logo churn rate, gross MRR churn rate, NRR and GRR per period (and group), over customers paying at the start"
            + " of each period. NRR excludes new and reactivation MRR (unlike ChartMogul's net MRR churn, which nets reactivation in).")
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<@NonNull RetentionPoint> retentionSeries(@NonNull @Name("range") DateRangeInput range,
            @NonNull @Name("granularity") Granularity granularity, @Name("filter") RetentionFilterInput filter,
            @Name("groupBy") RetentionDimension groupBy) {
        TenantId t = synced();
        return retention.series(t, range.from(), range.to(), granularity, filter, groupBy);
    }

    @Query
    @Description("The same figures for the trailing twelve months [asOf minus 12 months, asOf) as one period (asOf defaults to"
            + " today in the tenant's zone). NRR excludes new and reactivation MRR.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<@NonNull RetentionPoint> trailingTwelveMonthRetention(@Name("asOf") LocalDate asOf,
            @Name("filter") RetentionFilterInput filter, @Name("groupBy") RetentionDimension groupBy) {
        TenantId t = synced();
        return retention.trailingTwelveMonths(t, asOf == null ? today(t) : asOf, filter, groupBy);
    }

    @Query
    @Description("Cohort retention by first-payment month: logo and revenue retention per month offset, measured at the end of"
            + " each complete month (before asOf, default today). Cohorts are the months starting within the range.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull CohortTable cohortRetention(@NonNull @Name("cohorts") DateRangeInput range, @Name("asOf") LocalDate asOf,
            @Name("maxOffset") Integer maxOffset, @Name("filter") RetentionFilterInput filter) {
        TenantId t = synced();
        return cohorts.table(t, range.from(), range.to(), asOf == null ? today(t) : asOf, maxOffset, filter);
    }

    @Query
    @Description("The mean monthly logo churn of the `months` complete months before asOf (default today) and average customer"
            + " lifetime = 1 / that rate; null with the reason \"no churn observed\" when it is zero (for LTV).")
    @RequiresRole({ Role.VIEWER })
    public @NonNull TrailingChurn trailingChurn(@Name("asOf") LocalDate asOf, @DefaultValue("6") @Name("months") int months,
            @Name("filter") RetentionFilterInput filter) {
        TenantId t = synced();
        return retention.trailingChurn(t, asOf == null ? today(t) : asOf, months, filter);
    }

    @Query
    @Description("Consumption status of revenue-service's change feed: cursor, last sync, entries applied, lag, last error.")
    @RequiresRole({ Role.VIEWER })
    public @NonNull RetentionFeedStatus retentionFeedStatus() {
        return status.status(tenant.get());
    }

    @Mutation
    @Description("Catches up with revenue-service's change feed now (bounded by pages and time, see pending) and returns the status.")
    @RequiresRole({ Role.WRITER })
    public @NonNull RetentionFeedStatus syncRetentionFeed() {
        TenantId t = tenant.get();
        sync.catchUp(t, feed);
        return status.status(t);
    }
}
