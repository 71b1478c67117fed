package org.openkpi.gateway.api.model;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A stored target (see TargetInput).")
public record Target(@NonNull Kpi kpi, @NonNull ReviewFrequency frequency, @NonNull LocalDate effectiveFrom,
        @NonNull BigDecimal value, @NonNull TargetDirection direction) {
}
