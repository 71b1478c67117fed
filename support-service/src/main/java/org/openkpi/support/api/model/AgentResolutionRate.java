package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Tickets resolved per agent per working day: tickets whose last resolve in the range was by this agent /"
        + " working days in the range (days of the tenant's schedule with business hours, minus holidays).")
public record AgentResolutionRate(@NonNull @Description("The agent's externalId") String agentId,
        @Description("Display name") String name, @Description("The agent's current team") String teamId,
        @Description("Tickets resolved in the range whose last resolve was by this agent") int resolved,
        @Description("Working days in the range") int workingDays,
        @NonNull @Description("resolved / workingDays") Ratio resolvedPerWorkingDay) {
}
