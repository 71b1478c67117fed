package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AlertRuleInput")
@Description("An alert rule, idempotent by externalId: it fires when the KPI's actual of the last complete period of "
        + "the frequency compares with the threshold as stated, e.g. CAC_PAYBACK_MONTHS GT 24, GROSS_MRR_CHURN GT 0.05, "
        + "NRR LT 1.0, LTV_TO_CAC LT 3.")
public record AlertRuleInput(@NonNull String externalId, @NonNull Kpi kpi, @NonNull ReviewFrequency frequency,
        @NonNull Comparison comparison, @NonNull BigDecimal threshold) {
}
