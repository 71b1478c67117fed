package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A block of business hours in local time [start, end).")
public record TimeBlock(@NonNull String start, @NonNull String end) {
}
