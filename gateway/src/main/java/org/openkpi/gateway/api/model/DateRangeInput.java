package org.openkpi.gateway.api.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DateRangeInput")
@Description("A half-open range of days [from, to) in the tenant's time zone.")
public record DateRangeInput(@NonNull LocalDate from, @NonNull LocalDate to) {
}
