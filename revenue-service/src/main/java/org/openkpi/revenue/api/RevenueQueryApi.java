package org.openkpi.revenue.api;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.revenue.api.error.ApiErrors;
import org.openkpi.revenue.api.security.RequiresRole;
import org.openkpi.revenue.api.security.Role;
import org.openkpi.revenue.api.model.ChangeFeedPage;
import org.openkpi.revenue.api.model.CustomerMrrHistory;
import org.openkpi.revenue.api.model.DateRangeInput;
import org.openkpi.revenue.api.model.FinancialsPoint;
import org.openkpi.revenue.api.model.Granularity;
import org.openkpi.revenue.api.model.MovementConnection;
import org.openkpi.revenue.api.model.MovementKind;
import org.openkpi.revenue.api.model.MrrPoint;
import org.openkpi.revenue.api.model.Plan;
import org.openkpi.revenue.api.model.PlanMixEntry;
import org.openkpi.revenue.api.model.RevenueDimension;
import org.openkpi.revenue.api.model.RevenueFilterInput;
import org.openkpi.revenue.api.model.RevenueSettings;
import org.openkpi.revenue.api.model.UpsellPoint;
import org.openkpi.revenue.repository.PlanRepository;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.service.FeedService;
import org.openkpi.revenue.service.FinancialsService;
import org.openkpi.revenue.service.MrrQueryService;
import org.openkpi.revenue.tenant.CurrentTenant;

/** Revenue KPI queries; the tenant is always the token's. */
@GraphQLApi
@ApiErrors
public class RevenueQueryApi {

    private final MrrQueryService mrr;
    private final FinancialsService financials;
    private final FeedService feed;
    private final SettingsRepository settings;
    private final PlanRepository plans;
    private final CurrentTenant tenant;

    public RevenueQueryApi(MrrQueryService mrr, FinancialsService financials, FeedService feed, SettingsRepository settings,
            PlanRepository plans, CurrentTenant tenant) {
        this.mrr = mrr;
        this.financials = financials;
        this.feed = feed;
        this.settings = settings;
        this.plans = plans;
        this.tenant = tenant;
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("MRR per period: MRR at start and end, ARR, paying customers, the five movements, net new MRR, growth rate,"
            + " quick ratio, ARPA, ASP. Amounts in the reporting currency.")
    public @NonNull List<@NonNull MrrPoint> mrrSeries(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            RevenueFilterInput filter, RevenueDimension groupBy) {
        return mrr.mrrSeries(tenant.get(), range, granularity, filter, groupBy);
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("Upsell rate per period: customers with an expansion movement in P / paying customers at start of P.")
    public @NonNull List<@NonNull UpsellPoint> upsellRate(@NonNull DateRangeInput range, @NonNull Granularity granularity,
            RevenueFilterInput filter, RevenueDimension groupBy) {
        return mrr.upsellRate(tenant.get(), range, granularity, filter, groupBy);
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("The movement log: customer movements with day in the range, by day then customer, paged.")
    public @NonNull MovementConnection mrrMovements(@NonNull DateRangeInput range, RevenueFilterInput filter,
            List<MovementKind> kinds, @Description("Only this customer's movements") String customerId,
            @DefaultValue("100") @Description("Page size, 1 to 1000") Integer first, String after) {
        return mrr.movements(tenant.get(), range, filter,
                kinds == null ? null : kinds.stream().map(k -> org.openkpi.revenue.engine.MovementKind.valueOf(k.name())).toList(),
                customerId, first, after);
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("Plan mix at the end of a day: each plan's paying customers and MRR, and their shares.")
    public @NonNull List<@NonNull PlanMixEntry> planMix(@NonNull @Name("asOf") LocalDate asOf) {
        return mrr.planMix(tenant.get(), asOf);
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("Revenue, COGS, gross margin, operating expenses, EBITDA and net-new revenue per period.")
    public @NonNull List<@NonNull FinancialsPoint> financials(@NonNull DateRangeInput range, @NonNull Granularity granularity) {
        return financials.financials(tenant.get(), range, granularity);
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("One customer's MRR history; error NOT_FOUND for an id the tenant does not have.")
    public @NonNull CustomerMrrHistory customerMrrHistory(@NonNull String customerId,
            @Description("Day whose end gives mrr; default today") LocalDate asOf) {
        return mrr.customerHistory(tenant.get(), customerId, asOf);
    }

    @RequiresRole({Role.VIEWER, Role.SERVICE})
    @Query
    @Description("The MRR change feed after a cursor: movements and, for corrections, reversals of earlier entries."
            + " See the service README for the consumer contract.")
    public @NonNull ChangeFeedPage changeFeed(@Description("Cursor of the last entry applied; omit to start") String after,
            @DefaultValue("500") @Description("Page size, 1 to 5000") Integer first) {
        return feed.page(tenant.get(), after, first);
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("The tenant's settings.")
    public @NonNull RevenueSettings revenueSettings() {
        return SettingsMapper.toApi(settings.find(tenant.get()));
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("The tenant's plans.")
    public @NonNull List<@NonNull Plan> plans() {
        return plans.findAll(tenant.get()).values().stream().map(SettingsMapper::toApi).toList();
    }
}
