package org.openkpi.revenue.engine;

import java.math.BigDecimal;

/** What the engine needs of a plan. */
public record PlanTerms(String code, BigDecimal price, String currency, int intervalMonths) {
}
