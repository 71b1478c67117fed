package org.openkpi.revenue.repository;

import java.math.BigDecimal;

import org.openkpi.revenue.engine.PlanTerms;

public record PlanRow(String code, String name, BigDecimal price, String currency, int intervalMonths, String tier,
        String contentHash) {

    public PlanTerms terms() {
        return new PlanTerms(code, price, currency, intervalMonths);
    }
}
