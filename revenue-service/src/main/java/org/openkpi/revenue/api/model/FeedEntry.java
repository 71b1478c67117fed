package org.openkpi.revenue.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An entry of the MRR change feed. A NEW movement is the customer's first payment, CHURN its churn,"
        + " REACTIVATION its return.")
public record FeedEntry(
        @NonNull @Description("Opaque, increasing; store it and pass it as after") String cursor,
        @NonNull FeedEntryType type,
        @Description("For a REVERSAL, the cursor of the MOVEMENT it cancels") String reversesCursor,
        @NonNull String customerId,
        @NonNull LocalDate day,
        @NonNull MovementKind kind,
        @NonNull BigDecimal fromMrr,
        @NonNull BigDecimal toMrr,
        @NonNull @Description("Reporting currency of the amounts") String currency,
        String planCode,
        String country,
        String segment,
        String channel,
        @NonNull Instant recordedAt) {
}
