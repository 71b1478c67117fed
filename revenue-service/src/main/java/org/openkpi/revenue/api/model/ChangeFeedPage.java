package org.openkpi.revenue.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of the change feed. Continue with after = endCursor while hasMore.")
public record ChangeFeedPage(@NonNull List<@NonNull FeedEntry> entries, @Description("Cursor of the last entry (the after given, if none)") String endCursor,
        boolean hasMore) {
}
