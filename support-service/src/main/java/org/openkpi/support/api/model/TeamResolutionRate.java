package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The team mean of tickets resolved per agent per working day: tickets resolved by the team's (current) agents"
        + " / (agents x working days).")
public record TeamResolutionRate(@NonNull String teamId, String name, int agents, int resolved, int workingDays,
        @NonNull Ratio meanResolvedPerAgentPerWorkingDay) {
}
