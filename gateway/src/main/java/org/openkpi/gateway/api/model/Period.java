package org.openkpi.gateway.api.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A half-open period [start, end) of days in the tenant's time zone.")
public record Period(@NonNull LocalDate start, @NonNull LocalDate end) {
}
