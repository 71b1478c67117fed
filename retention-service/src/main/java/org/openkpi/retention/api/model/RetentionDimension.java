package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("A customer attribute carried by the change feed; a customer is grouped by its current value (its latest feed"
        + " entry), for its whole history.")
public enum RetentionDimension {
    PLAN, COUNTRY, SEGMENT, CHANNEL
}
