package org.openkpi.acquisition.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.acquisition.api.error.ApiErrors;
import org.openkpi.acquisition.api.security.RequiresRole;
import org.openkpi.acquisition.api.security.Role;
import org.openkpi.acquisition.api.model.AcquisitionDimension;
import org.openkpi.acquisition.api.model.AcquisitionFilterInput;
import org.openkpi.acquisition.api.model.CampaignResult;
import org.openkpi.acquisition.api.model.CostPoint;
import org.openkpi.acquisition.api.model.CustomerAcquisition;
import org.openkpi.acquisition.api.model.DateRangeInput;
import org.openkpi.acquisition.api.model.DealPoint;
import org.openkpi.acquisition.api.model.EmailListPoint;
import org.openkpi.acquisition.api.model.AcquisitionFeedStatus;
import org.openkpi.acquisition.api.model.FunnelPoint;
import org.openkpi.acquisition.api.model.Granularity;
import org.openkpi.acquisition.api.model.LeadPoint;
import org.openkpi.acquisition.api.model.LostReason;
import org.openkpi.acquisition.api.model.PipelineSnapshot;
import org.openkpi.acquisition.api.model.PipelineStage;
import org.openkpi.acquisition.api.model.RepStanding;
import org.openkpi.acquisition.api.model.StageTimeReport;
import org.openkpi.acquisition.api.model.AcquisitionSettings;
import org.openkpi.acquisition.repository.SettingsRepository;
import org.openkpi.acquisition.repository.SettingsRow;
import org.openkpi.acquisition.service.CostService;
import org.openkpi.acquisition.service.CustomerService;
import org.openkpi.acquisition.service.DealService;
import org.openkpi.acquisition.service.FeedSync;
import org.openkpi.acquisition.service.FunnelService;
import org.openkpi.acquisition.tenant.Caller;

/** Acquisition KPI queries; the tenant is always the token's. Each first catches the tenant up with the change feed. */
@GraphQLApi
@ApiErrors
public class AcquisitionQueryApi {

    private final FunnelService funnel;
    private final CostService costs;
    private final DealService deals;
    private final CustomerService customers;
    private final FeedSync feed;
    private final SettingsRepository settings;
    private final Caller caller;

    public AcquisitionQueryApi(FunnelService funnel, CostService costs, DealService deals, CustomerService customers, FeedSync feed,
            SettingsRepository settings, Caller caller) {
        this.funnel = funnel;
        this.costs = costs;
        this.deals = deals;
        this.customers = customers;
        this.feed = feed;
        this.settings = settings;
        this.caller = caller;
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("The funnel per period: unique visitors, trials, visitor-to-trial rate, trial-to-paid rate (cohort view) and"
            + " the period view, new paying customers. Filter/groupBy: CHANNEL, CAMPAIGN.")
    public @NonNull List<@NonNull FunnelPoint> funnel(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            AcquisitionFilterInput filter, AcquisitionDimension groupBy) {
        return funnel.funnel(caller.tenantCaughtUp(), range, granularity, filter, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Leads per period: counts, lead conversion, MQL-to-SQL, response time. Filter/groupBy: CHANNEL, CAMPAIGN, OWNER.")
    public @NonNull List<@NonNull LeadPoint> leadMetrics(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            AcquisitionFilterInput filter, AcquisitionDimension groupBy) {
        return funnel.leads(caller.tenantCaughtUp(), range, granularity, filter, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Deals closed per period: win rate, average deal size, sales cycle. Filter/groupBy: OWNER, CHANNEL, CAMPAIGN.")
    public @NonNull List<@NonNull DealPoint> dealMetrics(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            AcquisitionFilterInput filter, AcquisitionDimension groupBy) {
        return deals.deals(caller.tenantCaughtUp(), range, granularity, filter, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Mean, median and p90 days in each pipeline stage over the stage exits in the range, and the bottleneck stage."
            + " Filter: OWNER, CHANNEL, CAMPAIGN, STAGE.")
    public @NonNull StageTimeReport timeInStage(@NonNull DateRangeInput range, AcquisitionFilterInput filter) {
        return deals.timeInStage(caller.tenantCaughtUp(), range, filter);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Pipeline value by stage at an instant and the weighted forecast. Filter: OWNER, CHANNEL, CAMPAIGN, STAGE.")
    public @NonNull PipelineSnapshot pipeline(@NonNull Instant at, AcquisitionFilterInput filter) {
        return deals.pipeline(caller.tenantCaughtUp(), at, filter);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Count and amount per reason over the deals lost in the range. Filter: OWNER, CHANNEL, CAMPAIGN.")
    public @NonNull List<@NonNull LostReason> lostDealReasons(@NonNull DateRangeInput range, AcquisitionFilterInput filter) {
        return deals.lostReasons(caller.tenantCaughtUp(), range, filter);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Sales reps over the deals closed in the range, by amount won. Filter: OWNER, CHANNEL, CAMPAIGN.")
    public @NonNull List<@NonNull RepStanding> repLeaderboard(@NonNull DateRangeInput range, AcquisitionFilterInput filter) {
        return deals.leaderboard(caller.tenantCaughtUp(), range, filter);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Spend, CAC (blended, paid, fully loaded), visitor acquisition cost and cost per lead per period; groupBy"
            + " CHANNEL gives CAC by first-touch channel. Filter/groupBy: CHANNEL.")
    public @NonNull List<@NonNull CostPoint> acquisitionCost(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            AcquisitionFilterInput filter, AcquisitionDimension groupBy) {
        return costs.acquisitionCost(caller.tenantCaughtUp(), range, granularity, filter, groupBy);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Campaigns running in the range (all when omitted) with cost, attributed revenue and ROI. Filter: CHANNEL.")
    public @NonNull List<@NonNull CampaignResult> campaignRoi(DateRangeInput range, AcquisitionFilterInput filter) {
        return costs.campaigns(caller.tenantCaughtUp(), range, filter);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("Email list size, subscribes, unsubscribes and growth rate per period.")
    public @NonNull List<@NonNull EmailListPoint> emailListGrowth(@NonNull DateRangeInput range, @NonNull Granularity granularity) {
        return funnel.emailListGrowth(caller.tenantCaughtUp(), range, granularity);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("How one customer (external customer id) was acquired; NOT_FOUND when the consumed feed has no such customer.")
    public @NonNull CustomerAcquisition customerAcquisition(@NonNull String customerId) {
        return customers.customer(caller.tenantCaughtUp(), customerId);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("The tenant's pipeline stages in order.")
    public @NonNull List<@NonNull PipelineStage> pipelineStages() {
        return deals.stages(caller.tenant());
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("State and lag of the consumption of revenue-service's change feed (does not sync).")
    public @NonNull AcquisitionFeedStatus acquisitionFeedStatus() {
        return feed.status(caller.tenant(), 0);
    }

    @Query
    @RequiresRole(Role.VIEWER)
    @Description("The tenant's settings.")
    public @NonNull AcquisitionSettings acquisitionSettings() {
        SettingsRow s = settings.find(caller.tenant());
        return new AcquisitionSettings(s.reportingCurrency(), s.timeZone(), s.conversionWindowDays());
    }
}
