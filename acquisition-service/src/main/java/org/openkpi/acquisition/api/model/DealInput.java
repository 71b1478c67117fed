package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DealInput")
@Description("A deal (opportunity) with its whole stage history; sending it again with changes replaces it. A stage is left"
        + " when the next one is entered or the deal closes.")
public record DealInput(@NonNull String externalId, String name, @NonNull @Description("Sales rep") String owner,
        @NonNull BigDecimal amount, @NonNull String currency, String channel, String campaign,
        @NonNull @Description("ISO-8601 instant") String createdAt,
        @NonNull @Description("Stage transitions in time order") List<@NonNull DealStageInput> stages,
        @NonNull DealStatus status, @Description("Required for WON and LOST") String closedAt,
        @Description("Why a LOST deal was lost") String lostReason) {
}
