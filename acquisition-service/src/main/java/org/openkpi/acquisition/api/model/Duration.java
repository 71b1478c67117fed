package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("A distribution of durations; mean, median and p90 are null when there is nothing to measure.")
public record Duration(Double mean, Double median, Double p90, @NonNull @Description("HOURS, BUSINESS_HOURS or DAYS") String unit) {
}
