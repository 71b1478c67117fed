package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TargetInput")
@Description("A target for a KPI, reviewed at a frequency, effective for periods starting on or after effectiveFrom "
        + "(ISO date, tenant zone) until a later target of the same KPI and frequency takes over.")
public record TargetInput(@NonNull Kpi kpi, @NonNull ReviewFrequency frequency, @NonNull String effectiveFrom,
        @NonNull BigDecimal value, @NonNull TargetDirection direction) {
}
