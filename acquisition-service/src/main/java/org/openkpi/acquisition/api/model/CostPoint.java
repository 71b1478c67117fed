package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Sales & marketing spend and acquisition costs of one period (and channel). Monthly spend is spread evenly over"
        + " the month's days for periods that cover part of a month. METRICS.md, Acquisition; definitions in the README.")
public record CostPoint(
        @NonNull Period period,
        @Description("Channel when grouped, null for the total") String group,
        @NonNull Money adSpend, @NonNull Money salaries, @NonNull Money tools, @NonNull Money overhead,
        @NonNull @Description("AD_SPEND + TOOLS") Money blendedSpend,
        @NonNull @Description("All kinds") Money fullyLoadedSpend,
        @Description("New paying customers in P (first-touch channel)") long newPayingCustomers,
        @Description("New paying customers in P from channels with ad spend in P") long paidChannelCustomers,
        @NonNull @Description("Blended CAC = blendedSpend / newPayingCustomers") Ratio cac,
        @NonNull @Description("Paid CAC = adSpend / paidChannelCustomers") Ratio paidCac,
        @NonNull @Description("Fully loaded CAC = fullyLoadedSpend / newPayingCustomers") Ratio fullyLoadedCac,
        @Description("Unique visitors in P") long visitors,
        @NonNull @Description("Visitor acquisition cost = adSpend / visitors") Ratio visitorAcquisitionCost,
        @Description("Leads captured in P") long leads,
        @NonNull @Description("Cost per lead = blendedSpend / leads") Ratio costPerLead) {
}
