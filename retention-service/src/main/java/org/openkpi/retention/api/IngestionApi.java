package org.openkpi.retention.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openkpi.retention.api.error.ApiErrors;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.api.model.ActivityEventInput;
import org.openkpi.retention.api.model.IngestResult;
import org.openkpi.retention.api.model.NpsResponseInput;
import org.openkpi.retention.api.model.OnboardingMilestoneInput;
import org.openkpi.retention.api.model.PurchaseInput;
import org.openkpi.retention.api.model.RetentionSettings;
import org.openkpi.retention.api.model.RetentionSettingsInput;
import org.openkpi.retention.repository.SettingsRepository.SettingsRow;
import org.openkpi.retention.service.FeedAccess;
import org.openkpi.retention.service.FeedSync;
import org.openkpi.retention.service.IngestionService;
import org.openkpi.retention.tenant.CurrentTenant;
import org.openkpi.retention.tenant.TenantId;

/** Ingestion mutations: one per fact kind, each a list written all or nothing (at most 5,000 elements). */
@GraphQLApi
@ApiErrors
public class IngestionApi {

    private final IngestionService ingestion;
    private final FeedSync sync;
    private final CurrentTenant tenant;
    private final FeedAccess feed;

    public IngestionApi(IngestionService ingestion, FeedSync sync, CurrentTenant tenant, FeedAccess feed) {
        this.ingestion = ingestion;
        this.sync = sync;
        this.tenant = tenant;
        this.feed = feed;
    }

    private TenantId synced() {
        TenantId t = tenant.get();
        sync.beforeRequest(t, feed);
        return t;
    }

    @Mutation
    @Description("Records product activity events. Stored as one row per day (tenant zone) and user: accepted = (day, user)"
            + " pairs seen for the first time, unchanged = the rest. A user's day belongs to the customer of its first event.")
    @RequiresRole({ Role.WRITER })
    public @NonNull IngestResult recordActivity(@NonNull @Name("events") List<@NonNull ActivityEventInput> events) {
        return ingestion.recordActivity(synced(), events);
    }

    @Mutation
    @Description("Records NPS responses (by externalId; a changed response replaces the stored one).")
    @RequiresRole({ Role.WRITER })
    public @NonNull IngestResult recordNpsResponses(@NonNull @Name("responses") List<@NonNull NpsResponseInput> responses) {
        return ingestion.recordNps(synced(), responses);
    }

    @Mutation
    @Description("Records onboarding milestones (by externalId).")
    @RequiresRole({ Role.WRITER })
    public @NonNull IngestResult recordOnboardingMilestones(@NonNull @Name("milestones") List<@NonNull OnboardingMilestoneInput> milestones) {
        return ingestion.recordMilestones(synced(), milestones);
    }

    @Mutation
    @Description("Records purchases of non-subscription businesses (by externalId).")
    @RequiresRole({ Role.WRITER })
    public @NonNull IngestResult recordPurchases(@NonNull @Name("purchases") List<@NonNull PurchaseInput> purchases) {
        return ingestion.recordPurchases(synced(), purchases);
    }

    @Mutation
    @Description("Changes the tenant's retention settings (time zone). Activity already stored keeps its days; NPS, onboarding"
            + " and purchases are dayed at query time, so they follow the new zone.")
    @RequiresRole({ Role.ADMIN })
    public @NonNull RetentionSettings updateRetentionSettings(@NonNull @Name("settings") RetentionSettingsInput input) {
        SettingsRow s = ingestion.updateSettings(tenant.get(), input.timeZone());
        return new RetentionSettings(s.timeZone(), s.currency());
    }
}
