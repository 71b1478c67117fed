package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("MOVEMENT: apply it. REVERSAL: an earlier MOVEMENT (reversesCursor) no longer holds; undo it (its fields repeat"
        + " the reversed movement's).")
public enum FeedEntryType {
    MOVEMENT, REVERSAL
}
