package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("BusinessDayInput")
@Description("The business-hours blocks of one weekday (non-overlapping, several allowed, e.g. 09:00-12:00 and 13:00-18:00).")
public record BusinessDayInput(@NonNull @Description("The weekday") Weekday weekday,
        @NonNull @Description("Its blocks of business hours") List<@NonNull TimeBlockInput> blocks) {
}
