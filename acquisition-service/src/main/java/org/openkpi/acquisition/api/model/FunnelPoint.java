package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The funnel of one period (and group). METRICS.md, Acquisition.")
public record FunnelPoint(
        @NonNull Period period,
        @Description("Group key when grouped, null for the total") String group,
        @Description("Unique visitors in P (sum of the daily unique visitors)") long visitors,
        @Description("Trials started in P") long trials,
        @Description("Trials started in P whose customer's first payment came within the conversion window") long convertedTrials,
        @Description("New paying customers in P: customers whose first payment falls in P (by first-touch channel/campaign)") long newPayingCustomers,
        @NonNull @Description("Visitor-to-trial rate = trials / visitors") Ratio visitorToTrialRate,
        @NonNull @Description("Trial-to-paid rate, cohort view = convertedTrials / trials") Ratio trialToPaidRate,
        @NonNull @Description("Trial-to-paid, period view = newPayingCustomers / trials (can exceed 1)") Ratio trialToPaidPeriodView,
        @Description("The conversion window in days used for convertedTrials") int conversionWindowDays,
        @Description("False while the window of some trial of P has not elapsed yet (its cohort rate can still grow)") boolean cohortComplete) {
}
