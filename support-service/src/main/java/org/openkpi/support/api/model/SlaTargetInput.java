package org.openkpi.support.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SlaTargetInput")
@Description("A priority's SLA targets in business hours.")
public record SlaTargetInput(@NonNull @Description("The ticket priority the targets apply to") String priority,
        @NonNull @Description("First-response target in business hours, > 0") BigDecimal firstResponseHours,
        @NonNull @Description("Full-resolution target in business hours, > 0") BigDecimal resolutionHours) {
}
