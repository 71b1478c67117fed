package org.openkpi.retention.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of the customers paying at asOf with at least one retention risk signal, ordered by customerId.")
public record RetentionRiskSignalConnection(@NonNull List<@NonNull RetentionRiskSignalEdge> edges, @NonNull PageInfo pageInfo) {
}
