package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A price plan.")
public record Plan(@NonNull String code, @NonNull String name, @NonNull @Description("Price per billing interval") Money price,
        @Description("Billing interval in months (1 monthly, 3 quarterly, 12 yearly)") int intervalMonths, String tier) {
}
