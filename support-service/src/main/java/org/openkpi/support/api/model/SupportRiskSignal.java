package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Churn-risk signals of one customer from its support tickets, with the raw figures. Windows are whole days in the"
        + " tenant's zone ending at asOf (exclusive). Listed only when at least one flag fires; the gateway weighs the flags.")
public record SupportRiskSignal(
        @NonNull @Description("The tenant's external customer id") String customerId,
        @Description("Tickets created in [asOf - 30, asOf)") int ticketsLast30,
        @Description("Tickets created in [asOf - 60, asOf - 30)") int ticketsPrevious30,
        @Description("ticketsLast30 >= 3 and ticketsLast30 >= 2 * ticketsPrevious30") boolean ticketVolumeRising,
        @Description("CSAT responses to the customer's tickets answered in [asOf - 90, asOf)") int csatResponsesLast90,
        @NonNull @Description("CSAT of those responses, as the service defines it: responses rated 4 or 5 / all responses (value"
                + " null with a reason without responses)") Ratio csatLast90,
        @Description("csatResponsesLast90 >= 2 and csatLast90.value < 0.5 (fewer than half of the responses satisfied)") boolean lowCsat,
        @Description("Tickets of the customer open at the start of asOf (informational)") int openTickets) {
}
