package org.openkpi.revenue.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Revenue, margins and EBITDA of one period. METRICS.md, Revenue.")
public record FinancialsPoint(
        @NonNull Period period,
        @NonNull @Description("Recognised subscription revenue: each day's MRR / days in that month, summed") Money subscriptionRevenue,
        @NonNull Money oneOffCharges,
        @NonNull Money refunds,
        @NonNull @Description("subscriptionRevenue + oneOffCharges - refunds") Money revenue,
        @NonNull Money cogs,
        @NonNull @Description("revenue - cogs") Money grossProfit,
        @NonNull @Description("Gross margin %: (revenue - cogs) / revenue") Ratio grossMargin,
        @NonNull Money operatingExpenses,
        @NonNull @Description("revenue - cogs - operatingExpenses") Money ebitda,
        @NonNull @Description("Revenue of the period from customers whose first payment falls in it") Money netNewRevenue,
        @NonNull List<@NonNull CategoryAmount> cogsByCategory,
        @NonNull List<@NonNull CategoryAmount> operatingExpensesByCategory) {
}
