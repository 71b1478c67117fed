package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The business-hours blocks of one weekday.")
public record BusinessDay(@NonNull @Description("The weekday") Weekday weekday,
        @NonNull @Description("Its blocks of business hours") List<@NonNull TimeBlock> blocks) {
}
