package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A stage of the tenant's pipeline.")
public record PipelineStage(@NonNull String code, @NonNull String name, int position, @NonNull BigDecimal winProbability) {
}
