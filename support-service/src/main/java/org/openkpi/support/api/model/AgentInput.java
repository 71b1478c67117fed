package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AgentInput")
@Description("A human support agent. A changed team moves the agent's tickets to the new team in every KPI.")
public record AgentInput(@NonNull @Description("The tenant's id of the agent") String externalId,
        @Description("Display name") String name,
        @Description("The agent's team (a recorded team's externalId), or null") String teamId) {
}
