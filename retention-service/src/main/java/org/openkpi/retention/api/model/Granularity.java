package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Period length of a series: DAY, WEEK (ISO, starting Monday), MONTH, QUARTER, YEAR.")
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR
}
