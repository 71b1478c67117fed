package org.openkpi.revenue.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("PlanInput")
@Description("A plan; its code is its external id. A changed plan applies to every subscription on it, past ones too:"
        + " to change the price for new subscribers only, create a new plan.")
public record PlanInput(@NonNull String code, @NonNull String name, @NonNull @Description(">= 0, per billing interval") BigDecimal price,
        @NonNull @Description("ISO-4217") String currency, @NonNull @Description(">= 1") Integer intervalMonths, String tier) {
}
