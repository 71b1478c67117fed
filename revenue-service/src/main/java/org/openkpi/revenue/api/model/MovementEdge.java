package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.NonNull;

public record MovementEdge(@NonNull String cursor, @NonNull Movement node) {
}
