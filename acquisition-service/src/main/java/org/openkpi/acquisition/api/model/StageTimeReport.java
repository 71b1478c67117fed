package org.openkpi.acquisition.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Time in stage per pipeline stage, and the bottleneck (the stage with the largest mean).")
public record StageTimeReport(@NonNull List<@NonNull StageTime> stages,
        @Description("Code of the stage with the largest mean time, null without exits") String bottleneckStage) {
}
