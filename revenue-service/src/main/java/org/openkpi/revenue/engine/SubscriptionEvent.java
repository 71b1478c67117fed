package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/** One fact about one subscription, as ingested (validated for shape already). */
public record SubscriptionEvent(
        String externalId,
        String customerId,
        String subscriptionId,
        EventType type,
        Instant effectiveAt,
        String planCode,
        Integer quantity,
        Instant trialEndsAt,
        BigDecimal discountPercent,
        BigDecimal discountAmount,
        Instant cancelAt,
        Instant paidThrough) {

    /** Order of application: time, then kind, then external id, so arrival order never matters. */
    public static final Comparator<SubscriptionEvent> ORDER = Comparator
            .comparing(SubscriptionEvent::effectiveAt)
            .thenComparing(SubscriptionEvent::type)
            .thenComparing(SubscriptionEvent::externalId);
}
