package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A KPI that is a quotient. value is null, with a reason, when it cannot be computed.")
public record Ratio(BigDecimal value, @NonNull BigDecimal numerator, @NonNull BigDecimal denominator, String reason) {
}
