package org.openkpi.acquisition.api.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("State of the consumption of revenue-service's MRR change feed for the caller's tenant.")
public record AcquisitionFeedStatus(
        @Description("Cursor of the last entry applied (null before the first)") String cursor,
        @Description("Entries applied so far") long entriesApplied,
        @Description("When a page was last applied successfully") Instant lastSyncAt,
        @Description("recordedAt of the newest entry applied") Instant newestEntryRecordedAt,
        @Description("Seconds between newestEntryRecordedAt and now (null before the first entry)") Double lagSeconds,
        @Description("Whether revenue-service said more entries were pending after the last page applied (a catch-up reads a bounded"
                + " number of pages)") boolean pending,
        @Description("The last failure to read the feed, cleared by the next successful page") String lastError,
        Instant lastErrorAt,
        @NonNull @Description("Entries applied by the call that returned this status (0 for the acquisitionFeedStatus query)") Integer appliedNow) {
}
