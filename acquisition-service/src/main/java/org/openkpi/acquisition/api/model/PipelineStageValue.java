package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Open deals in one stage at an instant.")
public record PipelineStageValue(@NonNull String stage, @NonNull String name, int position, @NonNull BigDecimal winProbability,
        long openDeals, @NonNull @Description("Sum of open amounts") Money value,
        @NonNull @Description("value x winProbability") Money weightedValue) {
}
