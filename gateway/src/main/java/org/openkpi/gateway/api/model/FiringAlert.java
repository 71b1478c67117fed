package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An alert rule that holds for the period judged.")
public record FiringAlert(@NonNull AlertRule rule, @NonNull BigDecimal actual, @NonNull Period period,
        @NonNull String message) {
}
