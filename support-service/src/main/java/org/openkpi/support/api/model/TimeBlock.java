package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A block of business hours in local time [start, end).")
public record TimeBlock(@NonNull @Description("Local start, HH:mm, inclusive") String start,
        @NonNull @Description("Local end, HH:mm, exclusive") String end) {
}
