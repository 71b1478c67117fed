package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SpendInput")
@Description("Sales & marketing spend of one month (converted at the rate of the month's first day).")
public record SpendInput(@NonNull String externalId, @NonNull @Description("YYYY-MM") String month,
        @Description("Channel the spend buys; omitted = not allocated to a channel") String channel, @NonNull SpendKind kind,
        @NonNull BigDecimal amount, @NonNull String currency) {
}
