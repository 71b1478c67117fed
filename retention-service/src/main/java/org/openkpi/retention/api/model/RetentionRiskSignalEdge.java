package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One customer with at least one retention risk signal, and its cursor.")
public record RetentionRiskSignalEdge(@NonNull @Description("Opaque; pass as after to read the customers following this one") String cursor,
        @NonNull RetentionRiskSignal node) {
}
