package org.openkpi.retention.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One entry of revenue-service's change feed, as received. */
public record FeedItem(String cursor, boolean reversal, String reversesCursor, String customerId, LocalDate day, String kind,
        BigDecimal fromMrr, BigDecimal toMrr, String currency, String planCode, String country, String segment, String channel,
        Instant recordedAt) {
}
