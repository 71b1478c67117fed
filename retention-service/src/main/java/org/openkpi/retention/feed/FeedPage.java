package org.openkpi.retention.feed;

import java.util.List;

/** A page of the change feed: entries in cursor order, the cursor to continue after, whether more is pending. */
public record FeedPage(List<FeedItem> entries, String endCursor, boolean hasMore) {
}
