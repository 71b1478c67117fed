package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Upsell rate of one period: customers with an expansion movement in P / paying customers at start of P.")
public record UpsellPoint(@NonNull Period period, String group, int expansionCustomers, int payingCustomersStart,
        @NonNull Ratio upsellRate) {
}
