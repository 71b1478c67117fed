package org.openkpi.revenue.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of the movement log, ordered by day then customer.")
public record MovementConnection(@NonNull List<@NonNull MovementEdge> edges, @NonNull PageInfo pageInfo) {
}
