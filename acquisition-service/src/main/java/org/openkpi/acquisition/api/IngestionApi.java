package org.openkpi.acquisition.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openkpi.acquisition.api.error.ApiErrors;
import org.openkpi.acquisition.api.error.ApiException;
import org.openkpi.acquisition.api.error.ErrorCode;
import org.openkpi.acquisition.api.security.RequiresRole;
import org.openkpi.acquisition.api.security.Role;
import org.openkpi.acquisition.api.model.CampaignInput;
import org.openkpi.acquisition.api.model.DealInput;
import org.openkpi.acquisition.api.model.EmailListActivityInput;
import org.openkpi.acquisition.api.model.AcquisitionFeedStatus;
import org.openkpi.acquisition.api.model.FxRateInput;
import org.openkpi.acquisition.api.model.IngestResult;
import org.openkpi.acquisition.api.model.LeadInput;
import org.openkpi.acquisition.api.model.PipelineStageInput;
import org.openkpi.acquisition.api.model.SpendInput;
import org.openkpi.acquisition.api.model.AcquisitionSettings;
import org.openkpi.acquisition.api.model.AcquisitionSettingsInput;
import org.openkpi.acquisition.api.model.TrialInput;
import org.openkpi.acquisition.api.model.VisitInput;
import org.openkpi.acquisition.api.model.VisitorCountInput;
import org.openkpi.acquisition.repository.SettingsRow;
import org.openkpi.acquisition.service.FeedCredentials;
import org.openkpi.acquisition.service.FeedSync;
import org.openkpi.acquisition.service.IngestionService;
import org.openkpi.acquisition.tenant.Caller;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Ingestion mutations: one per fact kind, each taking a list written all or nothing and idempotent by
 * tenant-scoped external id. Each first catches the tenant up with the change feed.
 */
@GraphQLApi
@ApiErrors
public class IngestionApi {

    private final IngestionService ingestion;
    private final FeedSync feed;
    private final Caller caller;

    public IngestionApi(IngestionService ingestion, FeedSync feed, Caller caller) {
        this.ingestion = ingestion;
        this.feed = feed;
        this.caller = caller;
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records daily unique visitor counts (identity: date + channel + campaign).")
    public @NonNull IngestResult recordVisitorCounts(@NonNull @Name("counts") List<@NonNull VisitorCountInput> counts) {
        return ingestion.recordVisitorCounts(caller.tenantCaughtUp(), counts);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records raw visits (by externalId); unique visitors are distinct visitor ids per day, channel and campaign.")
    public @NonNull IngestResult recordVisits(@NonNull @Name("visits") List<@NonNull VisitInput> visits) {
        return ingestion.recordVisits(caller.tenantCaughtUp(), visits);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records trial sign-ups (by externalId), with the customer they became once converted.")
    public @NonNull IngestResult recordTrials(@NonNull @Name("trials") List<@NonNull TrialInput> trials) {
        return ingestion.recordTrials(caller.tenantCaughtUp(), trials);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records leads (by externalId).")
    public @NonNull IngestResult recordLeads(@NonNull @Name("leads") List<@NonNull LeadInput> leads) {
        return ingestion.recordLeads(caller.tenantCaughtUp(), leads);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records the tenant's pipeline stages (by code) with their win probability.")
    public @NonNull IngestResult recordPipelineStages(@NonNull @Name("stages") List<@NonNull PipelineStageInput> stages) {
        return ingestion.recordPipelineStages(caller.tenantCaughtUp(), stages);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records deals (by externalId) with their stage history; a deal sent again replaces the stored one.")
    public @NonNull IngestResult recordDeals(@NonNull @Name("deals") List<@NonNull DealInput> deals) {
        return ingestion.recordDeals(caller.tenantCaughtUp(), deals);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records campaigns (by externalId) with cost and attributed revenue.")
    public @NonNull IngestResult recordCampaigns(@NonNull @Name("campaigns") List<@NonNull CampaignInput> campaigns) {
        return ingestion.recordCampaigns(caller.tenantCaughtUp(), campaigns);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records monthly sales & marketing spend (by externalId) per channel and kind.")
    public @NonNull IngestResult recordSpend(@NonNull @Name("spend") List<@NonNull SpendInput> spend) {
        return ingestion.recordSpend(caller.tenantCaughtUp(), spend);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records email list subscribes and unsubscribes (by externalId).")
    public @NonNull IngestResult recordEmailListActivity(@NonNull @Name("activity") List<@NonNull EmailListActivityInput> activity) {
        return ingestion.recordEmailListActivity(caller.tenantCaughtUp(), activity);
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Records FX rates (by currency and date); stored deals, campaigns and spend are converted again.")
    public @NonNull IngestResult recordAcquisitionFxRates(@NonNull @Name("rates") List<@NonNull FxRateInput> rates) {
        return ingestion.recordFxRates(caller.tenantCaughtUp(), rates);
    }

    @Mutation
    @RequiresRole(Role.ADMIN)
    @Description("Changes the tenant's settings; every rollup is re-derived under the new ones.")
    public @NonNull AcquisitionSettings updateAcquisitionSettings(@NonNull @Name("settings") AcquisitionSettingsInput input) {
        SettingsRow s = ingestion.updateSettings(caller.tenant(), input.reportingCurrency(), input.timeZone(),
                input.conversionWindowDays());
        return new AcquisitionSettings(s.reportingCurrency(), s.timeZone(), s.conversionWindowDays());
    }

    @Mutation
    @RequiresRole(Role.WRITER)
    @Description("Catches the tenant up with revenue-service's change feed now, reading up to maxPages pages (default"
            + " kpi.feed.max-pages), with the caller's token (kpi-viewer) or else the service client's. Never fails because"
            + " revenue-service is down: see lastError.")
    public @NonNull AcquisitionFeedStatus syncAcquisitionFeed(@Description("Pages to read at most, 1 to 10000") Integer maxPages,
            @Description("Entries per page, 1 to 5000 (default kpi.feed.page-size)") Integer pageSize) {
        TenantId tenant = caller.tenant();
        FeedCredentials credentials = caller.feedCredentials(tenant).orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN,
                "reading revenue-service's change feed needs role kpi-viewer or a configured service client"));
        return feed.sync(tenant, credentials, maxPages, pageSize);
    }
}
