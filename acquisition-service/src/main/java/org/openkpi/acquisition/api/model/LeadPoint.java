package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Leads of one period (and group). METRICS.md, Acquisition.")
public record LeadPoint(
        @NonNull Period period,
        @Description("Group key when grouped, null for the total") String group,
        @Description("Leads captured in P") long leads,
        @Description("Leads captured in P that became customers") long convertedLeads,
        @NonNull @Description("Lead conversion rate = convertedLeads / leads") Ratio leadConversionRate,
        @Description("Leads that became MQL in P") long mqls,
        @Description("Of those, the ones that became SQL") long mqlsConvertedToSql,
        @NonNull @Description("MQL-to-SQL rate = mqlsConvertedToSql / mqls") Ratio mqlToSqlRate,
        @Description("Leads captured in P that were followed up") long followedUp,
        @NonNull @Description("Lead response time: hours from capture to first follow-up over followedUp") Duration responseTime) {
}
