package org.openkpi.revenue.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openkpi.revenue.api.error.ApiErrors;
import org.openkpi.revenue.api.security.RequiresRole;
import org.openkpi.revenue.api.security.Role;
import org.openkpi.revenue.api.model.ChargeInput;
import org.openkpi.revenue.api.model.CostInput;
import org.openkpi.revenue.api.model.CustomerInput;
import org.openkpi.revenue.api.model.FxRateInput;
import org.openkpi.revenue.api.model.IngestResult;
import org.openkpi.revenue.api.model.PlanInput;
import org.openkpi.revenue.api.model.SubscriptionEventInput;
import org.openkpi.revenue.api.model.RevenueSettings;
import org.openkpi.revenue.api.model.RevenueSettingsInput;
import org.openkpi.revenue.engine.ChurnRecognition;
import org.openkpi.revenue.service.IngestionService;
import org.openkpi.revenue.tenant.CurrentTenant;

/**
 * Ingestion mutations: one per fact kind, each taking a list that is written all or nothing and is
 * idempotent by tenant-scoped external id.
 */
@GraphQLApi
@ApiErrors
public class IngestionApi {

    private final IngestionService ingestion;
    private final CurrentTenant tenant;

    public IngestionApi(IngestionService ingestion, CurrentTenant tenant) {
        this.ingestion = ingestion;
        this.tenant = tenant;
    }

    @RequiresRole({Role.WRITER})
    @Mutation
    @Description("Records plans (by code).")
    public @NonNull IngestResult recordPlans(@NonNull @Name("plans") List<@NonNull PlanInput> plans) {
        return ingestion.recordPlans(tenant.get(), plans);
    }

    @RequiresRole({Role.WRITER})
    @Mutation
    @Description("Records customers (by externalId). Changed attributes regroup the customer's whole history.")
    public @NonNull IngestResult recordCustomers(@NonNull @Name("customers") List<@NonNull CustomerInput> customers) {
        return ingestion.recordCustomers(tenant.get(), customers);
    }

    @RequiresRole({Role.WRITER})
    @Mutation
    @Description("Records subscription events (by externalId). The customers they touch are re-evaluated from their whole"
            + " history, so a backdated event rewrites past periods and the change feed publishes the corrections.")
    public @NonNull IngestResult recordSubscriptionEvents(@NonNull @Name("events") List<@NonNull SubscriptionEventInput> events) {
        return ingestion.recordSubscriptionEvents(tenant.get(), events);
    }

    @RequiresRole({Role.WRITER})
    @Mutation
    @Description("Records one-off charges and refunds (by externalId).")
    public @NonNull IngestResult recordCharges(@NonNull @Name("charges") List<@NonNull ChargeInput> charges) {
        return ingestion.recordCharges(tenant.get(), charges);
    }

    @RequiresRole({Role.WRITER})
    @Mutation
    @Description("Records COGS and operating expenses (by externalId).")
    public @NonNull IngestResult recordCosts(@NonNull @Name("costs") List<@NonNull CostInput> costs) {
        return ingestion.recordCosts(tenant.get(), costs);
    }

    @RequiresRole({Role.WRITER})
    @Mutation
    @Description("Records FX rates (by currency and date). Subscriptions whose MRR was set on an affected day, charges and"
            + " costs are converted again.")
    public @NonNull IngestResult recordFxRates(@NonNull @Name("rates") List<@NonNull FxRateInput> rates) {
        return ingestion.recordFxRates(tenant.get(), rates);
    }

    @RequiresRole({Role.ADMIN})
    @Mutation
    @Description("Changes the tenant's settings; every customer is re-evaluated under the new ones.")
    public @NonNull RevenueSettings updateRevenueSettings(@NonNull @Name("settings") RevenueSettingsInput input) {
        return SettingsMapper.toApi(ingestion.updateSettings(tenant.get(), input.reportingCurrency(), input.timeZone(),
                input.churnRecognition() == null ? null : ChurnRecognition.valueOf(input.churnRecognition().name()),
                input.dunningDays()));
    }
}
