package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One KPI of the scorecard for the period judged.")
public record ScorecardEntry(
        @NonNull Kpi kpi,
        @Description("The actual of the period; null with reason when it cannot be computed") BigDecimal actual,
        @Description("The actual of the preceding period of the same length") BigDecimal previous,
        @Description("actual - previous") BigDecimal change,
        @Description("true when the change goes the KPI's good way (up for MRR, down for churn), null when flat or unknown") Boolean improving,
        @Description("The target that applies to the period, if any") Target target,
        @Description("actual - target value") BigDecimal gap,
        @NonNull ScorecardStatus status,
        @Description("Why the actual is null") String reason) {
}
