package org.openkpi.gateway.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Every KPI of the catalogue for the last complete period of a review frequency, against its target, "
        + "with the trend against the preceding period and the alert rules that fire.")
public record Scorecard(@NonNull ReviewFrequency frequency, @NonNull Period period, @NonNull Period previousPeriod,
        @NonNull List<@NonNull ScorecardEntry> entries, @NonNull List<@NonNull FiringAlert> alerts) {
}
