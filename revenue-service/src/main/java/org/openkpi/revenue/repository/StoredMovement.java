package org.openkpi.revenue.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import org.openkpi.revenue.engine.MovementKind;

/**
 * A row of a movement ledger: the customer ledger ({@code planCode} = main plan, {@code feedSeq} = the
 * change-feed entry that published it) or the plan-component ledger ({@code planCode} = component,
 * {@code feedSeq} = 0).
 */
public record StoredMovement(String customerId, LocalDate day, MovementKind kind, BigDecimal fromMrr, BigDecimal toMrr,
        String planCode, String country, String segment, String channel, long feedSeq) {

    /** Same movement, ignoring the feed sequence. */
    public boolean sameAs(StoredMovement o) {
        return day.equals(o.day) && kind == o.kind && fromMrr.compareTo(o.fromMrr) == 0 && toMrr.compareTo(o.toMrr) == 0
                && Objects.equals(planCode, o.planCode) && Objects.equals(country, o.country)
                && Objects.equals(segment, o.segment) && Objects.equals(channel, o.channel);
    }

    public StoredMovement withFeedSeq(long seq) {
        return new StoredMovement(customerId, day, kind, fromMrr, toMrr, planCode, country, segment, channel, seq);
    }

    public BigDecimal delta() {
        return toMrr.subtract(fromMrr);
    }

    /** Plan codes in natural order, no plan (null) first. */
    public static int comparePlans(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
