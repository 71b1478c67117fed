package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.time.Instant;

/** From {@code at} on (until the next segment), a subscription's MRR is {@code mrr}, on plan {@code planCode}. */
public record Segment(Instant at, BigDecimal mrr, String planCode) {
}
