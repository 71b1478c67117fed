package org.openkpi.retention.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Cohort retention as a matrix (rows = cohorts by first-payment month, cells = month offsets), ready for a heat map.")
public record CohortTable(
        @NonNull @Description("Only months ending on or before this day (exclusive end) have cells") LocalDate asOf,
        @Description("The largest offset of any row") int maxOffset,
        @NonNull List<@NonNull CohortRow> rows) {
}
