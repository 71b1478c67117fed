package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.NonNull;

public record PageInfo(boolean hasNextPage, String endCursor) {
}
