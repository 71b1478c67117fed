package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The team mean of tickets resolved per agent per working day: tickets resolved by the team's (current) agents"
        + " / (agents x working days).")
public record TeamResolutionRate(@NonNull @Description("The team's externalId") String teamId,
        @Description("Display name") String name, @Description("Agents currently in the team") int agents,
        @Description("Tickets resolved in the range by those agents") int resolved,
        @Description("Working days in the range") int workingDays,
        @NonNull @Description("resolved / (agents x workingDays)") Ratio meanResolvedPerAgentPerWorkingDay) {
}
