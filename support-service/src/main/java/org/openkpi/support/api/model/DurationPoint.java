package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A duration KPI for one period (and group): the tickets measured and their distribution in calendar hours and"
        + " in business hours. Mean is exact; median and p90 are read from histograms that keep each duration to within"
        + " 1.25% (see the README).")
public record DurationPoint(@NonNull @Description("The period") Period period, @Description("The group's value, null for the total") String group,
        @Description("Tickets measured in the period") int tickets,
        @NonNull @Description("unit HOURS") Duration calendarHours,
        @NonNull @Description("unit BUSINESS_HOURS: only time inside the tenant's business hours counts") Duration businessHours) {
}
