package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("FxRateInput")
@Description("Units of reporting currency per one unit of currency, effective from date until the currency's next rate."
        + " Its identity (external id) is currency + date.")
public record FxRateInput(@NonNull String currency, @NonNull @Description("ISO date") String date,
        @NonNull @Description("> 0") BigDecimal rate) {
}
