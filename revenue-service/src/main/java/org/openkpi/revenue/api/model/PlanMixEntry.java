package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One plan's share of paying customers and of MRR at the end of a day. A customer paying on several plans"
        + " counts on each, so customer shares can add up to more than 1.")
public record PlanMixEntry(
        @NonNull String planCode,
        String planName,
        @Description("Customers with MRR > 0 on this plan") int payingCustomers,
        @NonNull @Description("payingCustomers / all paying customers") Ratio customerShare,
        @NonNull Money mrr,
        @NonNull @Description("mrr / total MRR") Ratio mrrShare) {
}
