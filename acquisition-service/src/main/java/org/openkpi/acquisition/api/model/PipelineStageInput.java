package org.openkpi.acquisition.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("PipelineStageInput")
@Description("A stage of the tenant's sales pipeline (identity: code).")
public record PipelineStageInput(@NonNull String code, @NonNull String name, @NonNull @Description("Order in the pipeline") Integer position,
        @NonNull @Description("Probability that a deal in this stage is won, 0..1") BigDecimal winProbability) {
}
