package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Tickets resolved per agent per working day: tickets whose last resolve in the range was by this agent /"
        + " working days in the range (days of the tenant's schedule with business hours, minus holidays).")
public record AgentResolutionRate(@NonNull String agentId, String name, String teamId, int resolved, int workingDays,
        @NonNull Ratio resolvedPerWorkingDay) {
}
