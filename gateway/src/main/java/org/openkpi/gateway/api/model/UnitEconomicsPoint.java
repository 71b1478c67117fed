package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The cross-domain unit economics of one period (METRICS.md, Cross-domain), computed by the gateway from "
        + "revenue-, retention- and acquisition-service figures for the same period.")
public record UnitEconomicsPoint(
        @NonNull Period period,
        @Description("Reporting currency of revenue-service; every money figure of the point is in it") String currency,
        @Description("ARPA at the end of the period (revenue-service: MRR at end / paying customers at end), exact") BigDecimal arpa,
        @Description("Gross margin of the period (revenue-service: (revenue - COGS) / revenue), exact; always the whole company's, also when filtered") BigDecimal grossMargin,
        @Description("Mean monthly logo churn of the churnWindowMonths complete months before the period's end (retention-service trailingChurn)") BigDecimal monthlyLogoChurn,
        @Description("Blended CAC of the period (acquisition-service: spend / new paying customers), exact") BigDecimal cac,
        @Description("Net new MRR of the period (revenue-service)") BigDecimal netNewMrr,
        @Description("Sales & marketing spend (every kind) of the preceding period of the same length (acquisition-service)") BigDecimal previousPeriodSpend,
        @Description("LTV = ARPA x gross margin / monthly logo churn; numerator ARPA x gross margin, denominator the churn; 2 decimals") @NonNull Ratio ltv,
        @Description("LTV:CAC = LTV / CAC (3 is healthy, 5+ strong)") @NonNull Ratio ltvToCac,
        @Description("CAC payback in months = CAC / (ARPA x gross margin); under 12 is the common benchmark") @NonNull Ratio cacPaybackMonths,
        @Description("Magic number = net new MRR x 12 / S&M spend of the preceding period of equal length") @NonNull Ratio magicNumber) {
}
