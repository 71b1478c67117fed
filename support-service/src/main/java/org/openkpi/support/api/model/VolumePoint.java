package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Tickets created in a period.")
public record VolumePoint(@NonNull Period period, int tickets) {
}
