package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Closed deals of one period (and group), by close day. METRICS.md, Acquisition.")
public record DealPoint(
        @NonNull Period period,
        @Description("Group key when grouped, null for the total") String group,
        @Description("Deals won in P") long dealsWon,
        @Description("Deals lost in P") long dealsLost,
        @NonNull @Description("Total amount of deals won in P") Money amountWon,
        @NonNull @Description("Win rate = dealsWon / (dealsWon + dealsLost)") Ratio winRate,
        @NonNull @Description("Average deal size = amountWon / dealsWon, in the reporting currency, rounded to its minor unit") Ratio averageDealSize,
        @NonNull @Description("Sales cycle length: days from creation to won over deals won in P") Duration salesCycle) {
}
