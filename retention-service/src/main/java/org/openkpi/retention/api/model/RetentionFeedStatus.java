package org.openkpi.retention.api.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Consumption of revenue-service's MRR change feed for the caller's tenant.")
public record RetentionFeedStatus(
        @Description("Cursor of the last applied entry (null before the first)") String cursor,
        @Description("Entries applied so far") long entriesApplied,
        @Description("When the feed was last read successfully") Instant lastSyncAt,
        @Description("Whether the last read stopped with more entries pending (bounded catch-up)") boolean pending,
        @Description("recordedAt of the newest applied entry") Instant newestEntryRecordedAt,
        @Description("Seconds between newestEntryRecordedAt and now") Long lagSeconds,
        @Description("The last error reading the feed, cleared by the next successful read") String lastError,
        @Description("When lastError happened") Instant lastErrorAt,
        @NonNull @Description("Reporting currency of the amounts, as published by the feed") String currency) {
}
