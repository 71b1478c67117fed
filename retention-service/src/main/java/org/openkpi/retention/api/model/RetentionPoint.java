package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Churn and revenue retention of one period (and group). Every figure is restricted to customers paying at the"
        + " start of the period (MRR > 0 just before its first day): a customer who joins and leaves within the period counts"
        + " in none of them, and new and reactivation MRR are excluded. See METRICS.md, Retention.")
public record RetentionPoint(
        @NonNull Period period,
        @Description("The group's value when grouped (\"(none)\" for customers without one), null for the total") String group,
        @Description("Customers paying at the start of the period") int payingCustomersStart,
        @NonNull @Description("MRR at the start of the period") Money mrrStart,
        @Description("Customers paying at the start of the period with a churn movement in it") int churnedCustomers,
        @NonNull @Description("Expansion MRR in the period from customers paying at its start") Money expansionMrr,
        @NonNull @Description("Contraction MRR in the period from customers paying at its start") Money contractionMrr,
        @NonNull @Description("Churned MRR in the period from customers paying at its start") Money churnMrr,
        @NonNull @Description("Logo churn rate = churnedCustomers / payingCustomersStart") Ratio logoChurnRate,
        @NonNull @Description("Gross MRR churn rate = (churnMrr + contractionMrr) / mrrStart") Ratio grossMrrChurnRate,
        @NonNull @Description("NRR = (mrrStart + expansionMrr - contractionMrr - churnMrr) / mrrStart. Excludes new AND"
                + " reactivation MRR (unlike ChartMogul's net MRR churn, which nets reactivation in).") Ratio nrr,
        @NonNull @Description("GRR = (mrrStart - contractionMrr - churnMrr) / mrrStart; never above 1") Ratio grr) {
}
