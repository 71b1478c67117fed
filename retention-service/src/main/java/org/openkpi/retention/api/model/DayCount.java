package org.openkpi.retention.api.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A count on a day.")
public record DayCount(@NonNull LocalDate day, long count) {
}
