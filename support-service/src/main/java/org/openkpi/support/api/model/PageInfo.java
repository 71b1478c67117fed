package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("Where a page ends and whether more follow.")
public record PageInfo(boolean hasNextPage, String endCursor) {
}
