package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A stored alert rule (see AlertRuleInput).")
public record AlertRule(@NonNull String externalId, @NonNull Kpi kpi, @NonNull ReviewFrequency frequency,
        @NonNull Comparison comparison, @NonNull BigDecimal threshold) {
}
