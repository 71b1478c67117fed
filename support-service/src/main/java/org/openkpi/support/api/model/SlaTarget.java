package org.openkpi.support.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A priority's SLA targets in business hours.")
public record SlaTarget(@NonNull String priority, @NonNull BigDecimal firstResponseHours, @NonNull BigDecimal resolutionHours) {
}
