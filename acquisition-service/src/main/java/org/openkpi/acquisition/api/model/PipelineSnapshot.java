package org.openkpi.acquisition.api.model;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Pipeline value by stage at an instant and the weighted forecast (sum of open amount x stage win probability).")
public record PipelineSnapshot(@NonNull Instant at, @NonNull List<@NonNull PipelineStageValue> stages, @NonNull Money totalValue,
        @NonNull Money weightedForecast) {
}
