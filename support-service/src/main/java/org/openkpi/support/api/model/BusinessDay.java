package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The business-hours blocks of one weekday.")
public record BusinessDay(@NonNull Weekday weekday, @NonNull List<@NonNull TimeBlock> blocks) {
}
