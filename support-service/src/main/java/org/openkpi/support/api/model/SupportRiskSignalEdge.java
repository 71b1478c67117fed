package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One customer with at least one support risk signal, and its cursor.")
public record SupportRiskSignalEdge(@NonNull @Description("Opaque; pass as after to read the customers following this one") String cursor,
        @NonNull SupportRiskSignal node) {
}
