package org.openkpi.retention.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("A KPI that is a quotient. value is null, with a reason, when the denominator is zero.")
public record Ratio(BigDecimal value, @NonNull BigDecimal numerator, @NonNull BigDecimal denominator, String reason) {
}
