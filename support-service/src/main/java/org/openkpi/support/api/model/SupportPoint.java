package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Support counts and ratios for one period (and group). 'Resolved in P' means the ticket is resolved now and"
        + " its last resolve falls in P.")
public record SupportPoint(@NonNull @Description("The period") Period period, @Description("The group's value, null for the total") String group,
        @Description("Tickets created in P") int ticketsCreated,
        @Description("Tickets resolved in P") int ticketsResolved,
        @NonNull @Description("CSAT = responses rated 4 or 5 / all responses answered in P") Ratio csat,
        @NonNull @Description("Tickets resolved in P by automation / tickets resolved in P") Ratio automationResolutionRate,
        @NonNull @Description("Tickets resolved in P with fewer than 2 public agent replies / tickets resolved in P") Ratio oneTouchResolutionRate,
        @NonNull @Description("Follow-ups per ticket = public agent replies of the tickets resolved in P / tickets resolved in P") Ratio followUpsPerTicket,
        @NonNull @Description("SLA breach rate = tickets resolved in P whose business-hours first response or full resolution"
                + " exceeded their priority's target / tickets resolved in P whose priority has targets") Ratio slaBreachRate,
        @NonNull @Description("Same denominator; first-response target exceeded") Ratio firstResponseBreachRate,
        @NonNull @Description("Same denominator; resolution target exceeded") Ratio resolutionBreachRate) {
}
