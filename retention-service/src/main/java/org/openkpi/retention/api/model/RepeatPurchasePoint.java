package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Repeat purchase rate of a period = customers with 2+ purchases in it / customers with 1+.")
public record RepeatPurchasePoint(@NonNull Period period, int purchases, int purchasers, int repeatPurchasers,
        @NonNull Ratio repeatPurchaseRate) {
}
