package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("SupportFilterInput")
@Description("Keeps tickets whose value is in each given list (an omitted or empty list does not restrict). A ticket's agent"
        + " is the agent of its last resolve if an agent resolved it, else its first responder, else its opening agent;"
        + " '(none)' matches tickets without one. Its team is that agent's team.")
public record SupportFilterInput(List<String> channels, List<String> priorities, List<String> agentIds, List<String> teamIds,
        List<String> customerIds) {
}
