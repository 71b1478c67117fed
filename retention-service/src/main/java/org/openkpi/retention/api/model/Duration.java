package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("A distribution of durations: mean, median and 90th percentile (null when there is nothing to measure) in unit.")
public record Duration(Double mean, Double median, Double p90, @NonNull String unit) {
}
