package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Open tickets at an instant: created, and not resolved or closed (a reopened ticket is open again).")
public record BacklogEntry(@Description("The group's value, null for the total") String group,
        @Description("Tickets open at the instant") int openTickets) {
}
