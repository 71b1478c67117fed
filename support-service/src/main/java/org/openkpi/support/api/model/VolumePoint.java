package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Tickets created in a period.")
public record VolumePoint(@NonNull @Description("The period") Period period, @Description("Tickets created in it") int tickets) {
}
