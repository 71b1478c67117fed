package org.openkpi.support.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A priority's SLA targets in business hours.")
public record SlaTarget(@NonNull @Description("The ticket priority") String priority,
        @NonNull @Description("First-response target in business hours") BigDecimal firstResponseHours,
        @NonNull @Description("Full-resolution target in business hours") BigDecimal resolutionHours) {
}
