package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TimeBlockInput")
@Description("A block of business hours in local time [start, end): HH:mm, end may be 24:00.")
public record TimeBlockInput(@NonNull @Description("Local start, HH:mm, inclusive") String start,
        @NonNull @Description("Local end, HH:mm (24:00 allowed), exclusive") String end) {
}
