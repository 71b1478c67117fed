package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CampaignInput")
@Description("A marketing campaign with its total cost and the revenue attributed to it, both in currency (converted at"
        + " startDate's rate).")
public record CampaignInput(@NonNull String externalId, @NonNull String name, String channel,
        @NonNull @Description("ISO date") String startDate, @Description("ISO date") String endDate,
        @NonNull BigDecimal cost, @NonNull BigDecimal attributedRevenue, @NonNull String currency) {
}
