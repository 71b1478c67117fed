package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TeamInput")
@Description("A support team.")
public record TeamInput(@NonNull @Description("The tenant's id of the team") String externalId,
        @Description("Display name") String name) {
}
