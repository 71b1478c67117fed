package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of the customers with at least one support risk signal, ordered by customerId.")
public record SupportRiskSignalConnection(@NonNull List<@NonNull SupportRiskSignalEdge> edges, @NonNull PageInfo pageInfo) {
}
