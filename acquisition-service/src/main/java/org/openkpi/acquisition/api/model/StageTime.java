package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Time deals spent in one pipeline stage, over the stage exits in the range.")
public record StageTime(@NonNull String stage, @NonNull String name, int position, @Description("Stage exits in the range") long exits,
        @NonNull @Description("Days in the stage (mean, median, p90)") Duration duration) {
}
