package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("A distribution of durations: mean, median and p90 (null when there is nothing to measure), in unit HOURS,"
        + " BUSINESS_HOURS or DAYS.")
public record Duration(Double mean, Double median, Double p90, @NonNull String unit) {
}
