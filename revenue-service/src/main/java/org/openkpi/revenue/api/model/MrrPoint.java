package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("MRR of one period (and group). Identity: mrrEnd = mrrStart + netNewMrr. METRICS.md, Revenue.")
public record MrrPoint(
        @NonNull Period period,
        @Description("Group key when grouped, null for the total") String group,
        @NonNull @Description("MRR just before period start") Money mrrStart,
        @NonNull @Description("MRR just before period end") Money mrrEnd,
        @NonNull @Description("mrrEnd x 12") Money arr,
        @Description("Paying customers (MRR > 0) at start") int payingCustomersStart,
        @Description("Paying customers (MRR > 0) at end") int payingCustomersEnd,
        @NonNull Money newMrr,
        @NonNull Money expansionMrr,
        @NonNull @Description("Positive amount") Money contractionMrr,
        @NonNull @Description("Positive amount") Money churnMrr,
        @NonNull Money reactivationMrr,
        @NonNull @Description("new + reactivation + expansion - contraction - churn") Money netNewMrr,
        int newCustomers,
        int reactivatedCustomers,
        int churnedCustomers,
        @NonNull @Description("(mrrEnd - mrrStart) / mrrStart") Ratio growthRate,
        @NonNull @Description("SaaS quick ratio: (new + reactivation + expansion) / (contraction + churn)") Ratio quickRatio,
        @NonNull @Description("ARPA, in reporting currency: mrrEnd / payingCustomersEnd, rounded to the currency's minor unit") Ratio arpa,
        @NonNull @Description("Average sale price, in reporting currency: newMrr / newCustomers, rounded to the minor unit") Ratio asp) {
}
