package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.NonNull;

public record CategoryAmount(@NonNull String category, @NonNull Money amount) {
}
