package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DealStageInput")
@Description("A stage transition: the deal entered stage at enteredAt (ISO-8601 instant).")
public record DealStageInput(@NonNull @Description("A pipeline stage code") String stage, @NonNull String enteredAt) {
}
